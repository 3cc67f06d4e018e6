// The real library runtime: the engine's simulator and built-in metrics (one column per metric and population).
import os from 'node:os';
import { metricMeta } from '../../../src-shared/metrics/definitions';
import { BUILTIN_METRIC_IDS, isBuiltinMetricId } from '../../../src-shared/metrics/ids';
import { parseNetworkSpec } from '../../../src-shared/model/network-spec';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { computeMetrics } from '../metrics/evaluate';
import { runSimulation, type RunStatus as SimStatus, type SimulationResult } from '../sim/run-simulation';
import { SimPool } from '../jobs/sim-pool';
import type { RunOutput } from './generator';
import type { LibraryRuntime } from './runtime';

/** Populations reported per metric: the whole network (plain id), then E and I (`_E`, `_I` suffixes). */
export const METRIC_POPULATIONS = ['all', 'E', 'I'] as const;

/** Column id of a metric for a population: `rate_mean`, `rate_mean_E`, `rate_mean_I`. */
export function metricColumnId(metricId: string, population: string): string {
  return population === 'all' ? metricId : `${metricId}_${population}`;
}

/** Splits a column id back into metric id and population. */
export function parseMetricColumn(column: string): { metricId: string; population: string } {
  const m = /^(.*)_(E|I)$/.exec(column);
  if (m && isBuiltinMetricId(m[1])) return { metricId: m[1], population: m[2] };
  return { metricId: column, population: 'all' };
}

export const DEFAULT_METRIC_COLUMNS = BUILTIN_METRIC_IDS.flatMap((id) =>
  METRIC_POPULATIONS.map((p) => metricColumnId(id, p)),
);

const STATUS: Record<SimStatus, RunOutput['status'] | 'failed'> = {
  completed: 'ok',
  exploded: 'exploded',
  // The simulator's spike budget stops runaway activity: for a catalogue it is the same dynamics class.
  'spike-budget': 'exploded',
  quiescent: 'quiescent',
  cancelled: 'failed',
};

export function simulateForLibrary(spec: Record<string, unknown>, seed: number): RunOutput {
  return toRunOutput(runSimulation(parseNetworkSpec(spec), seed));
}

function toRunOutput(r: SimulationResult): RunOutput {
  const status = STATUS[r.status];
  if (status === 'failed') throw new Error(`simulation ${r.status}: ${r.statusMessage ?? ''}`);
  return { spikes: r.spikes, status, wallMs: r.setupMs + r.runMs, dtMs: r.dtMs };
}

/** Metric columns of one run from its spikes (NaN where a metric is undefined, e.g. no spikes). */
export function libraryMetrics(
  spikes: SpikeRecord,
  columns: readonly string[] = DEFAULT_METRIC_COLUMNS,
): Record<string, number> {
  const wanted = [...new Set(columns.map((c) => parseMetricColumn(c).metricId))];
  const values = computeMetrics(spikes, { metricIds: wanted });
  const out: Record<string, number> = {};
  for (const c of columns) {
    const { metricId, population } = parseMetricColumn(c);
    out[c] = values[population]?.[metricId] ?? NaN;
  }
  return out;
}

export function simulatorRuntime(): LibraryRuntime {
  return {
    runOne: (spec, seed) => simulateForLibrary(spec, seed),
    metrics: (spikes, _spec, columns) => libraryMetrics(spikes, columns ?? DEFAULT_METRIC_COLUMNS),
    metricInfo(column) {
      const { metricId, population } = parseMetricColumn(column);
      if (!isBuiltinMetricId(metricId)) return { label: column, unit: '', kind: 'metric' };
      const meta = metricMeta(metricId);
      return {
        label: population === 'all' ? meta.name : `${meta.name} (${population})`,
        unit: meta.unit,
        kind: 'metric',
      };
    },
    defaultMetricIds: DEFAULT_METRIC_COLUMNS,
    concurrency: 1,
    createRunner() {
      // One worker per core for the job's lifetime; results are identical to in-process runs (same code, same seed).
      const pool = new SimPool(hostCpuCount());
      return {
        runOne: async (spec, seed) => toRunOutput(await pool.run(parseNetworkSpec(spec), seed)),
        concurrency: pool.threads,
        close: () => pool.close(),
      };
    },
  };
}

export const hostCpuCount = () => os.availableParallelism?.() ?? os.cpus().length;
