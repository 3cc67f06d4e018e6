// The metrics worker pool (piscina, one worker per core): recomputing metrics over a library never blocks the host.
import os from 'node:os';
import { Piscina } from 'piscina';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import type { UserMetricDefinition } from '../metrics/evaluate';
import { metricsWorkerPath } from '../../workers/worker-paths';

export class MetricsPool {
  private readonly piscina: Piscina;

  /** `threads`: worker count; @default the number of available cores. */
  constructor(threads = os.availableParallelism?.() ?? os.cpus().length, filename = metricsWorkerPath) {
    this.piscina = new Piscina({ filename, minThreads: 1, maxThreads: Math.max(1, threads), idleTimeout: 30_000 });
  }

  get threads(): number {
    return this.piscina.options.maxThreads;
  }

  /** Metric columns of one run (see library/metric-columns.ts). */
  run(
    spikes: SpikeRecord,
    columns: readonly string[],
    userMetrics: readonly UserMetricDefinition[] = [],
  ): Promise<Record<string, number>> {
    return this.piscina.run({ spikes, columns: [...columns], userMetrics: [...userMetrics] }) as Promise<
      Record<string, number>
    >;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
