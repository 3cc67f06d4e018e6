// Which simulator and metrics generate libraries: set once by the host (worker-pool simulator) or by tests (a fake).
import { LodynError } from '../../../src-shared/contract/envelope';
import type { MetricFn, RunOne } from './generator';
import type { UserMetricDefinition } from '../metrics/evaluate';
import type { ColumnInfo } from './library-table';

export interface LibraryRuntime {
  runOne: RunOne;
  metrics: MetricFn;
  /** Label and unit of a metric column. */
  metricInfo(id: string): ColumnInfo;
  /** Metrics computed when a library spec names none. */
  defaultMetricIds: string[];
  /** Runs simulated at once. */
  concurrency: number;
  /**
   * A runner for one job (e.g. backed by a worker pool, closed when the job ends so no thread outlives it);
   * when absent, `runOne` runs in-process with `concurrency`. With `metricColumns`, its runs come back with
   * those metrics already computed (in the worker).
   */
  createRunner?(metricColumns?: readonly string[]): { runOne: RunOne; concurrency: number; close(): Promise<void> };
  /**
   * Metric workers for one recompute job; `userMetrics` are saved user definitions whose ids may appear as columns.
   * When absent, `metrics` runs in-process (tests).
   */
  createMetricsRunner?(userMetrics: readonly UserMetricDefinition[]): {
    metrics: MetricFn;
    concurrency: number;
    close(): Promise<void>;
  };
}

let current: LibraryRuntime | null = null;
let loader: (() => Promise<LibraryRuntime>) | null = null;

/** Installs the runtime (tests inject a deterministic fake here). */
export function setLibraryRuntime(runtime: LibraryRuntime | null): void {
  current = runtime;
}

/** Registers a lazy loader for the default runtime (the real simulator), used when none was set. */
export function setLibraryRuntimeLoader(load: () => Promise<LibraryRuntime>): void {
  loader = load;
}

export async function getLibraryRuntime(): Promise<LibraryRuntime> {
  if (current) return current;
  try {
    // Default: the engine's own simulator and metrics, loaded on first use (tests never pay for it).
    current = loader ? await loader() : (await import('./sim-runtime')).simulatorRuntime();
  } catch (err) {
    throw new LodynError(
      'Unavailable',
      `the simulator for library generation could not be loaded: ${(err as Error).message}`,
    );
  }
  return current;
}
