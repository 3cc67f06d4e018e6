// Messages between the main thread and the NPE training worker, and the helper that starts one.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { trainWorkerPath } from './worker-paths';
import { LodynError } from '../../src-shared/contract/envelope';
import type { Matrix } from '../engine/sbi/matrix';
import type { SavedPosterior } from '../engine/sbi/persistence';
import type { PriorSpec } from '../engine/sbi/prior';
import type { EpochProgress, TrainingConfigInput } from '../engine/sbi/training';

export interface TrainRequest {
  theta: Matrix;
  x: Matrix;
  prior: PriorSpec;
  metricIds: string[];
  libraryId?: string;
  config?: TrainingConfigInput;
}

export type TrainWorkerMessage =
  | { type: 'epoch'; progress: EpochProgress }
  | { type: 'done'; posterior: SavedPosterior; backend: string | null; trainSeconds: number }
  | { type: 'error'; name: string; message: string };

export interface TrainJob {
  result: Promise<Extract<TrainWorkerMessage, { type: 'done' }>>;
  cancel(): void;
}

/** Trains in a worker thread; `onEpoch` fires per epoch; `cancel()` rejects the result with a Cancelled error. */
export function trainInWorker(request: TrainRequest, onEpoch?: (p: EpochProgress) => void): TrainJob {
  const url = pathToFileURL(trainWorkerPath);
  // From source the worker registers tsx's loader first (as bin/lodyn.js does); a bundled build runs its .js entry.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`, {
        eval: true,
        workerData: request,
      })
    : new Worker(url, { workerData: request });
  const result = new Promise<Extract<TrainWorkerMessage, { type: 'done' }>>((resolve, reject) => {
    worker.on('message', (m: TrainWorkerMessage) => {
      if (m.type === 'epoch') onEpoch?.(m.progress);
      else if (m.type === 'done') resolve(m);
      else reject(new LodynError(m.name === 'Cancelled' ? 'Cancelled' : m.name, m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new LodynError('Internal', `training worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
  return { result, cancel: () => worker.postMessage({ type: 'cancel' }) };
}
