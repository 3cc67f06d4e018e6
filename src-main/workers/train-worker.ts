// Worker thread entry: trains an NPE posterior off the main thread, posting progress per epoch; 'cancel' aborts.
import { parentPort, workerData } from 'node:worker_threads';
import { selectTfBackend } from '../engine/tf/backend';
import { posteriorToJson } from '../engine/sbi/persistence';
import { trainPosterior } from '../engine/sbi/posterior';
import type { TrainRequest, TrainWorkerMessage } from './train-protocol';

const request = workerData as TrainRequest;
const controller = new AbortController();
parentPort?.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') controller.abort();
});
const post = (m: TrainWorkerMessage): void => parentPort?.postMessage(m);

try {
  const backend = await selectTfBackend();
  const posterior = await trainPosterior(
    {
      theta: { rows: request.theta.rows, cols: request.theta.cols, data: new Float32Array(request.theta.data) },
      x: { rows: request.x.rows, cols: request.x.cols, data: new Float32Array(request.x.data) },
      prior: request.prior,
      metricIds: request.metricIds,
      libraryId: request.libraryId,
      config: request.config,
    },
    { signal: controller.signal, onEpoch: (progress) => post({ type: 'epoch', progress }) },
  );
  post({
    type: 'done',
    posterior: posteriorToJson(posterior),
    backend: backend.used,
    trainSeconds: posterior.trained.trainSeconds ?? 0,
  });
  posterior.dispose();
} catch (err) {
  post({
    type: 'error',
    name: err instanceof Error ? err.name : 'Error',
    message: err instanceof Error ? err.message : String(err),
  });
}
