// Shapes of library data shared by the engine, the contract and the catalogue UI (columns, query pages, runs).
import type { SpikeRecord } from '../model/spikes';

export const RUN_STATUSES = ['ok', 'exploded', 'quiescent', 'failed', 'rejected'] as const;
/** ok: simulated; exploded/quiescent: simulated but runaway or silent; failed: threw; rejected: violated a constraint. */
export type RunStatus = (typeof RUN_STATUSES)[number];

export type ColumnKind = 'index' | 'seed' | 'parameter' | 'derived' | 'metric' | 'status' | 'wall' | 'spikes';

/** What the UI needs to label, scale and filter a column. */
export interface ColumnMeta {
  id: string;
  label: string;
  unit: string;
  kind: ColumnKind;
  /** Observed range over loaded runs (finite values only); absent when no finite value exists. */
  min?: number;
  max?: number;
  /** For choice parameters: the value each index stands for; for status: the statuses. */
  choices?: unknown[];
}

export interface RangeFilter {
  column: string;
  /** Inclusive bounds; either may be omitted. NaN values never pass a range filter. */
  min?: number;
  max?: number;
}

export interface TableQuery {
  filters?: RangeFilter[];
  statuses?: RunStatus[];
  sort?: { column: string; descending?: boolean };
  offset?: number;
  limit?: number;
  /** Columns to return per row (default: all). */
  columns?: string[];
}

export type RowValue = number | string | null;

export interface QueryResult {
  /** Rows passing the filters (all pages). */
  total: number;
  offset: number;
  /** Column ids in the order of each row's values. */
  columns: string[];
  /** One array of values per row, in `columns` order; NaN becomes null (JSON-safe). Shape [nRowsInPage][nColumns]. */
  rows: RowValue[][];
  tookMs: number;
}

/** One run in full: what the run detail view shows and what re-running needs. */
export interface RunDetail {
  libraryId: string;
  runIndex: number;
  seed: number;
  status: RunStatus;
  wallMs: number;
  params: Record<string, number>;
  /** Choice parameters: the value the index stands for. */
  choices: Record<string, unknown>;
  metrics: Record<string, number | null>;
  spec: Record<string, unknown>;
  /** Spikes as plain arrays (JSON-safe), sorted by time. */
  spikes: {
    neuron: number[];
    timeMs: number[];
    nNeurons: number;
    durationMs: number;
    populations: SpikeRecord['populations'];
    sourceIds?: number[];
  };
}

/** What the creation wizard shows before starting: from a few pilot runs of the actual spec. */
export interface LibraryEstimate {
  runs: number;
  shards: number;
  pilots: number;
  /** Pilots that violated a constraint (not simulated). */
  pilotsRejected: number;
  /** Mean wall time of one simulated pilot (simulation + metrics), ms. */
  perRunMs: number;
  parallelRuns: number;
  estimatedSeconds: number;
  estimatedBytes: number;
}
