// The real library runtime: the engine's simulator and built-in metrics (one column per metric and population).
import os from 'node:os';
import { metricMeta } from '../../../src-shared/metrics/definitions';
import { isBuiltinMetricId } from '../../../src-shared/metrics/ids';
import { parseNetworkSpec } from '../../../src-shared/model/network-spec';
import { runSimulation, type RunStatus as SimStatus, type SimulationResult } from '../sim/run-simulation';
import { SimPool } from '../jobs/sim-pool';
import { MetricsPool } from '../jobs/metrics-pool';
import type { RunOutput } from './generator';
import type { LibraryRuntime } from './runtime';
import { DEFAULT_METRIC_COLUMNS, libraryMetrics, parseMetricColumn } from './metric-columns';

export {
  DEFAULT_METRIC_COLUMNS,
  METRIC_POPULATIONS,
  libraryMetrics,
  metricColumnId,
  parseMetricColumn,
} from './metric-columns';

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

function toRunOutput(r: SimulationResult & { metrics?: Record<string, number> }): RunOutput {
  const status = STATUS[r.status];
  if (status === 'failed') throw new Error(`simulation ${r.status}: ${r.statusMessage ?? ''}`);
  return { spikes: r.spikes, status, wallMs: r.setupMs + r.runMs, dtMs: r.dtMs, metrics: r.metrics };
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
    createMetricsRunner(userMetrics) {
      const pool = new MetricsPool(hostCpuCount());
      return {
        metrics: (spikes, _spec, columns) => pool.run(spikes, columns ?? DEFAULT_METRIC_COLUMNS, userMetrics),
        concurrency: pool.threads,
        close: () => pool.close(),
      };
    },
    createRunner(metricColumns) {
      // One worker per core for the job's lifetime; results are identical to in-process runs (same code, same seed).
      // The worker also computes the metric columns, so no metric work lands on the host's main thread.
      const pool = new SimPool(hostCpuCount());
      return {
        runOne: async (spec, seed) => toRunOutput(await pool.run(parseNetworkSpec(spec), seed, { metricColumns })),
        concurrency: pool.threads,
        close: () => pool.close(),
      };
    },
  };
}

export const hostCpuCount = () => os.availableParallelism?.() ?? os.cpus().length;
