// The simulation worker pool (piscina, one worker per core by default): runs never block the calling thread.
import os from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LodynError } from '../../../src-shared/contract/envelope';
import type { NetworkSpec } from '../../../src-shared/model/network-spec';
import { simulateWorkerPath } from '../../workers/worker-paths';
import type { SimulationResult } from '../sim/run-simulation';

export interface SimProgress {
  fraction: number;
  step: number;
  stepsPlanned: number;
}

export interface PoolRunOptions {
  durationMs?: number;
  onProgress?: (p: SimProgress) => void;
  /** Aborting cancels a queued run, and stops a running one at its next progress check (status `cancelled`). */
  signal?: AbortSignal;
  progressEverySteps?: number;
  /** Library metric columns to compute in the worker from the run's spikes (see library/metric-columns.ts). */
  metricColumns?: readonly string[];
}

export class SimPool {
  private readonly piscina: Piscina;

  /** `threads`: worker count; @default the number of available cores. */
  constructor(threads = os.availableParallelism?.() ?? os.cpus().length, filename = simulateWorkerPath) {
    this.piscina = new Piscina({ filename, minThreads: 1, maxThreads: Math.max(1, threads), idleTimeout: 30_000 });
  }

  get threads(): number {
    return this.piscina.options.maxThreads;
  }

  async run(
    spec: NetworkSpec,
    seed: number,
    opts: PoolRunOptions = {},
  ): Promise<SimulationResult & { metrics?: Record<string, number> }> {
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const port = new MessageChannel();
    let running = false;
    // The worker posts `{ done: true }` last; messages on one port arrive in order, whereas piscina's result may
    // overtake them. Waiting for it keeps the last progress (fraction 1) in order. ('close' is not delivered for a
    // port transferred through piscina, so it cannot serve.)
    let markDrained: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (markDrained = resolve));
    port.port1.on('message', (m: SimProgress | { started: true } | { done: true }) => {
      if ('started' in m) running = true;
      else if ('done' in m) markDrained();
      else opts.onProgress?.(m);
    });
    // A running task stops itself at its next check (keeping what it simulated); a queued one is dropped by piscina.
    // Aborting a running task through piscina would terminate the worker thread, so that signal is only for the queue.
    const queued = new AbortController();
    const onAbort = () => {
      Atomics.store(flag, 0, 1);
      if (!running) queued.abort();
    };
    if (opts.signal?.aborted) throw new LodynError('Cancelled', 'the run was cancelled before it started');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const task = {
        spec,
        seed,
        durationMs: opts.durationMs,
        cancelFlag,
        progressEverySteps: opts.progressEverySteps,
        progressPort: port.port2,
        metricColumns: opts.metricColumns ? [...opts.metricColumns] : undefined,
      };
      const promise = this.piscina.run(task, {
        transferList: [port.port2],
        signal: queued.signal,
      }) as Promise<SimulationResult & { metrics?: Record<string, number> }>;
      const result = await promise;
      // A worker that died before its last message must not hang the caller.
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return result;
    } catch (err) {
      if (opts.signal?.aborted) throw new LodynError('Cancelled', 'the run was cancelled');
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      port.port1.close();
    }
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

let shared: SimPool | null = null;

/** The process-wide pool, created on first use. */
export function sharedSimPool(): SimPool {
  shared ??= new SimPool();
  return shared;
}

export async function closeSharedSimPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
