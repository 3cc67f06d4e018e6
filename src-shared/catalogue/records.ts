// Record types kept in catalogue.json. Later features widen these interfaces; every record has a stable string id.
import type { UserMetricDefinition } from '../metrics/user-metric';
import type { PopulationRange } from '../model/spikes';

export interface CatalogueRecord {
  id: string;
  createdIso: string;
}

/** A library of runs: its folder (relative to the data root) holds library.json and the shards. */
export interface LibraryRecord extends CatalogueRecord {
  name: string;
  description: string;
  /** Folder relative to the data root, e.g. `libraries/lib-…`. */
  folder: string;
  /** Model family or name of the base spec, for cards. */
  model: string;
  /** Free parameters with units and prior kinds, for cards and filters. */
  free: { id: string; unit: string; prior: string }[];
  settings: { design: string; nSets: number; seedsPerSet: number; seed: number; runsPerShard: number };
  metricIds: string[];
  counts: {
    runsPlanned: number;
    runsStored: number;
    shardsStored: number;
    shardsPlanned: number;
    corruptShards: number;
  };
  status: 'generating' | 'paused' | 'complete' | 'incomplete' | 'cancelled' | 'failed';
  sizes: { arrowBytes: number; spikesBytes: number; nSpikes: number };
  appVersion: string;
  /** Slice of a cluster run, when this folder holds one. */
  slice?: { index: number; count: number };
}

/**
 * A long-running job (library generation, metric recompute, training...). Fields beyond the base record are
 * optional so that every domain can add its jobs with what it knows.
 */
export interface JobRecord extends CatalogueRecord {
  kind?: string;
  title?: string;
  status?: 'running' | 'paused' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  done?: number;
  total?: number;
  runsPerS?: number;
  etaS?: number | null;
  updatedIso?: string;
  libraryId?: string;
  error?: string;
}

/** A user metric definition saved in the catalogue (schema: src-shared/metrics/user-metric.ts). */
export type MetricDefinitionRecord = CatalogueRecord & UserMetricDefinition & { updatedIso: string };

/** Metric values per population; NaN is stored as null (JSON), with its reason in `nanReasons`. */
export type StoredMetricValues = Record<string, Record<string, number | null>>;

/** An imported recording: its spikes live in `<dataRoot>/<spikesFile>` (Arrow IPC: neuron, time_ms). */
export interface ObservationRecord extends CatalogueRecord {
  name: string;
  format: 'csv' | 'nwb' | 'sonata';
  /** File name the spikes came from. */
  sourceName: string;
  nNeurons: number;
  nSpikes: number;
  durationMs: number;
  populations: PopulationRange[];
  /** Original neuron ids per recorded index, when they differ from the index. Shape [nNeurons]. */
  sourceIds?: number[];
  /** Path relative to the data root, e.g. `observations/obs-….arrow`. */
  spikesFile: string;
  windowMs: [number, number];
  metrics: StoredMetricValues;
  nanReasons: Record<string, Record<string, string>>;
  /** Non-fatal notes from the import (e.g. the duration was inferred). */
  warnings: string[];
}

/** A parameter of a posterior: theta is trained on `log(value)` when `scale` is 'log' (log-uniform priors). */
export interface PosteriorParam {
  id: string;
  label: string;
  unit: string;
  scale: 'linear' | 'log';
  /** Prior bounds in the parameter's own units (the pairplot's axes). */
  low: number;
  high: number;
  /** The library prior's kind (uniform, logUniform, truncatedNormal). */
  prior: string;
}

/** Summary of the training data x, for out-of-distribution warnings: range and ellipsoid (Mahalanobis). */
export interface PosteriorDataStats {
  /** Per metric, over the training runs. Shape [dimX]. */
  min: number[];
  max: number[];
  mean: number[];
  /** Inverse covariance of x, row-major. Shape [dimX * dimX]. */
  covInverse: number[];
  /** Mahalanobis distance below which 99% of training runs lie. */
  d2Quantile99: number;
}

/**
 * A trained posterior (NPE) saved in the catalogue; its weights live in `<dataRoot>/<file>` (versioned JSON,
 * src-main/engine/sbi/persistence.ts).
 */
export interface PosteriorRecord extends CatalogueRecord {
  name: string;
  libraryId: string;
  libraryName: string;
  /** Metric columns conditioned on, in the order of x. */
  metricIds: string[];
  params: PosteriorParam[];
  /** Choice parameters of the library that the posterior leaves out (marginalised over). */
  omittedParams: string[];
  estimator: string;
  seed: number;
  maxEpochs: number;
  /** Runs used for training, runs held out for diagnostics, runs left out and why. */
  counts: { runs: number; trained: number; heldOut: number; excluded: Record<string, number> };
  /** Run indices held out of training (SBC and coverage use them). */
  heldOutRuns: number[];
  epochs: number;
  bestEpoch: number;
  bestValLoss: number;
  stoppedBy: 'converged' | 'maxEpochs';
  trainSeconds: number;
  backend: string | null;
  /** Loss per epoch. */
  curve: { epoch: number; trainLoss: number; valLoss: number }[];
  dataStats: PosteriorDataStats;
  /** Weights file relative to the data root, e.g. `posteriors/post-….json`. */
  file: string;
  appVersion: string;
}

/** The whole catalogue document; `schemaVersion` drives migrations. */
export interface CatalogueData {
  schemaVersion: number;
  createdIso: string;
  /** App version that last wrote the file. */
  appVersion: string;
  libraries: LibraryRecord[];
  metricDefinitions: MetricDefinitionRecord[];
  observations: ObservationRecord[];
  posteriors: PosteriorRecord[];
  jobs: JobRecord[];
}

export const CATALOGUE_SCHEMA_VERSION = 1;
