// Worker entry: runs one simulation task, posting progress on a port and polling a shared cancel flag.
import type { MessagePort } from 'node:worker_threads';
import type { NetworkSpec } from '../../src-shared/model/network-spec';
import { runSimulation, type SimulationResult } from '../engine/sim/run-simulation';
import { libraryMetrics } from '../engine/library/metric-columns';

export interface SimulateTask {
  spec: NetworkSpec;
  seed: number;
  durationMs?: number;
  /** Receives `{ started: true }`, then `{ fraction, step, stepsPlanned }` messages. */
  progressPort?: MessagePort;
  /** Int32Array over it: element 0 set to 1 asks the run to stop. */
  cancelFlag?: SharedArrayBuffer;
  progressEverySteps?: number;
  /** When set, the metric columns of this run are computed here too (heavy work stays off the main thread). */
  metricColumns?: string[];
}

export default function simulate(task: SimulateTask): SimulationResult & { metrics?: Record<string, number> } {
  const flag = task.cancelFlag ? new Int32Array(task.cancelFlag) : null;
  task.progressPort?.postMessage({ started: true });
  try {
    const result = runSimulation(task.spec, task.seed, {
      durationMs: task.durationMs,
      progressEverySteps: task.progressEverySteps,
      onProgress: task.progressPort
        ? (fraction, step, stepsPlanned) => task.progressPort!.postMessage({ fraction, step, stepsPlanned })
        : undefined,
      shouldCancel: flag ? () => Atomics.load(flag, 0) === 1 : undefined,
    });
    if (!task.metricColumns) return result;
    return { ...result, metrics: libraryMetrics(result.spikes, task.metricColumns) };
  } finally {
    task.progressPort?.postMessage({ done: true });
    task.progressPort?.close();
  }
}
