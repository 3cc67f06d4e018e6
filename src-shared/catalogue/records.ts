// Record types kept in catalogue.json. Later features widen these interfaces; every record has a stable string id.

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

/** The whole catalogue document; `schemaVersion` drives migrations. */
export interface CatalogueData {
  schemaVersion: number;
  createdIso: string;
  /** App version that last wrote the file. */
  appVersion: string;
  libraries: LibraryRecord[];
  metricDefinitions: CatalogueRecord[];
  observations: CatalogueRecord[];
  posteriors: CatalogueRecord[];
  jobs: JobRecord[];
}

export const CATALOGUE_SCHEMA_VERSION = 1;
