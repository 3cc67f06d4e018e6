// Posterior (NPE) calls and events: train from a library as a job, list, sample, condition, diagnose, predictive checks.
import { z } from 'zod';
import type { JobRecord, PosteriorRecord } from '../../catalogue/records';
import { defineCall, defineEvent } from '../define';

const id = z.string().min(1);

/** What the posterior is conditioned on: a library run, typed metric values, or an imported observation. */
export const posteriorTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), libraryId: id, runIndex: z.number().int().min(0) }).strict(),
  z
    .object({
      kind: z.literal('values'),
      /** Metric column id -> value, in the metric's unit; every metric of the posterior is needed. */
      values: z.record(z.string(), z.number()),
    })
    .strict(),
  z.object({ kind: z.literal('observation'), observationId: id }).strict(),
]);
export type PosteriorTarget = z.output<typeof posteriorTargetSchema>;

export const posteriorTrainSchema = z
  .object({
    libraryId: id,
    /** Metric columns to condition on (x). */
    metricIds: z.array(z.string().min(1)).min(1).max(64),
    estimator: z.enum(['maf', 'nsf', 'mdn']).default('maf'),
    seed: z.number().int().min(0).default(0),
    /**
     * Upper bound on epochs; early stopping (20 epochs without improvement) usually ends sooner. 200 keeps training on
     * the default library (about 2,000 runs) within a minute or two on 2 cores.
     */
    maxEpochs: z.number().int().min(1).max(100_000).default(200),
    /** Runs held out of training for SBC and coverage (taken from the valid runs, seeded). */
    heldOut: z.number().int().min(0).max(10_000).default(200),
    name: z.string().min(1).max(200).optional(),
    /** Answer when training ends (CLI) instead of at once with the job. */
    wait: z.boolean().default(false),
  })
  .strict();

export interface PosteriorTrainStarted {
  job: JobRecord;
  /** Set when `wait` was true and training finished. */
  posterior: PosteriorRecord | null;
  /** Runs left out of training and why (status exploded/quiescent/failed/rejected, non-finite metrics). */
  excluded: Record<string, number>;
  trained: number;
}

/** The target resolved to metric values, with what is known about it. */
export interface ResolvedTarget {
  /** Values in the posterior's metric order. Shape [dimX]. */
  x: number[];
  label: string;
  /** True parameters (posterior order, own units) when the target is a library run of the same space. */
  truth?: number[];
  /** Out-of-distribution check against the training data. */
  ood: OodReport;
}

export interface OodReport {
  outside: boolean;
  /** Metrics whose target value lies outside the training range. */
  outOfRange: { metricId: string; value: number; min: number; max: number }[];
  /** Squared Mahalanobis distance of the target from the training data, and the 99% level of training runs. */
  mahalanobis2: number;
  mahalanobis2Quantile99: number;
  message?: string;
}

export interface PosteriorSamples {
  target: ResolvedTarget;
  /** Samples in the parameters' own units (log-scaled ones transformed back). Shape [nSamples][dimTheta]. */
  samples: number[][];
  acceptance: number;
  warning?: string;
  /** Maximum a posteriori estimate, own units. Shape [dimTheta]. */
  map: number[];
}

export interface ConditionalResult {
  /** The point conditioned on, own units. Shape [dimTheta]. */
  point: number[];
  /** Grid values per parameter, own units (log-spaced for log parameters). Shape [dimTheta][gridSize]. */
  grid: number[][];
  /** 1-D conditional densities (others fixed at `point`), normalised to max 1. Shape [dimTheta][gridSize]. */
  marginals: number[][];
  /** 2-D conditionals for pairs i > j, row-major over (y = i, x = j), normalised to max 1. */
  pairs: { i: number; j: number; density: number[] }[];
  /** Conditional correlation coefficients (sbi's conditional_corrcoeff on the grid). Shape [dimTheta][dimTheta]. */
  correlation: number[][];
}

export interface PosteriorDiagnostics {
  nSbc: number;
  nPosteriorSamples: number;
  sbc: { ksPValues: number[]; histograms: number[][]; passed: boolean };
  coverage: { levels: number[]; coverage: number[]; maxDeviation: number; passed: boolean };
  tarp: { levels: number[]; coverage: number[]; maxDeviation: number; passed: boolean };
  /** Plain-language verdict for non-coders. */
  verdict: string;
  passed: boolean;
  seconds: number;
}

export interface PredictiveDraw {
  params: number[];
  status: string;
  metrics: Record<string, number | null>;
  /** A subset of spikes for a raster (at most `maxSpikes` earliest). */
  spikes: {
    neuron: number[];
    timeMs: number[];
    nNeurons: number;
    durationMs: number;
    populations: { name: string; start: number; count: number }[];
  };
}

export interface PosteriorPredictive {
  target: ResolvedTarget;
  metricIds: string[];
  draws: PredictiveDraw[];
  /** Per metric: fraction of draws whose value lies within ±10% of the target's (or within the central 90%). */
  summary: {
    metricId: string;
    target: number;
    median: number | null;
    q05: number | null;
    q95: number | null;
    covered: boolean;
  }[];
  /** Choice parameters fixed for the simulations (not part of the posterior). */
  notes: string[];
  seconds: number;
}

export interface PosteriorProgress {
  jobId: string;
  libraryId: string;
  epoch: number;
  trainLoss: number;
  valLoss: number;
  bestEpoch: number;
  bestValLoss: number;
  maxEpochs: number;
  stopAfterEpochs: number;
}

export const posteriorCalls = {
  'posterior:train': defineCall<PosteriorTrainStarted>()(
    posteriorTrainSchema,
    'Train a posterior (NPE) on a library: theta = free parameters, x = the chosen metric columns; runs as a job.',
  ),
  'posterior:cancel': defineCall<JobRecord>()(z.object({ jobId: id }).strict(), 'Cancel a training job.'),
  'posterior:list': defineCall<PosteriorRecord[]>()(z.object({}).strict(), 'Every saved posterior.'),
  'posterior:get': defineCall<PosteriorRecord>()(z.object({ id }).strict(), 'One saved posterior.'),
  'posterior:remove': defineCall<{ removed: string }>()(
    z.object({ id }).strict(),
    'Remove a posterior and its weights.',
  ),
  'posterior:sample': defineCall<PosteriorSamples>()(
    z
      .object({
        id,
        target: posteriorTargetSchema,
        n: z.number().int().min(1).max(100_000).default(1000),
        seed: z.number().int().min(0).default(0),
      })
      .strict(),
    'Samples of the posterior given a target (with acceptance, MAP and an out-of-distribution check).',
  ),
  'posterior:conditional': defineCall<ConditionalResult>()(
    z
      .object({
        id,
        target: posteriorTargetSchema,
        /** The point to condition on, one value per parameter in its own units. */
        point: z.array(z.number()).min(1),
        gridSize: z.number().int().min(5).max(100).default(40),
      })
      .strict(),
    'Conditional densities (each parameter and pair with the others fixed at a point) and conditional correlations.',
  ),
  'posterior:diagnose': defineCall<PosteriorDiagnostics>()(
    z
      .object({
        id,
        nSbc: z.number().int().min(10).max(5000).default(200),
        nPosteriorSamples: z.number().int().min(10).max(5000).default(100),
        seed: z.number().int().min(0).default(0),
      })
      .strict(),
    'SBC, expected coverage and TARP on held-out runs, with a plain-language verdict.',
  ),
  'posterior:predictive': defineCall<PosteriorPredictive>()(
    z
      .object({
        id,
        target: posteriorTargetSchema,
        k: z.number().int().min(1).max(100).default(4),
        seed: z.number().int().min(0).default(0),
        maxSpikes: z.number().int().min(0).max(200_000).default(20_000),
      })
      .strict(),
    'Posterior predictive check: simulate k posterior draws with the library simulator, compare metrics to the target.',
  ),
} as const;

export const posteriorEvents = {
  'posterior:progressed': defineEvent<PosteriorProgress>('One training epoch finished (losses, best epoch).'),
  'posterior:changed': defineEvent<{ posteriorId: string; reason: string }>('A posterior was saved or removed.'),
} as const;
