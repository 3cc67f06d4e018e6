// The training worker reports progress per epoch, returns a loadable posterior, and cancels.
import { describe, expect, it } from 'vitest';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { createRng } from '../../../../../src-main/engine/sbi/rng';
import { trainInWorker } from '../../../../../src-main/workers/train-protocol';

function data(n: number) {
  const rng = createRng(5);
  const theta = matrix(n, 1);
  const x = matrix(n, 1);
  for (let i = 0; i < n; i++) {
    theta.data[i] = rng.normal();
    x.data[i] = theta.data[i] + 0.5 * rng.normal();
  }
  return { theta, x, prior: { kind: 'gaussian' as const, mean: [0], std: [1] }, metricIds: ['x'] };
}

describe('train worker', () => {
  it('trains with progress, and cancels', async () => {
    const epochs: number[] = [];
    const job = trainInWorker({ ...data(500), config: { maxEpochs: 3, numTransforms: 1 } }, (p) =>
      epochs.push(p.epoch),
    );
    const done = await job.result;
    expect(epochs).toEqual([0, 1, 2]);
    expect(done.posterior.format).toBe('lodyn-posterior');
    const slow = trainInWorker({ ...data(500), config: { maxEpochs: 100000 } }, () => slow.cancel());
    await expect(slow.result).rejects.toThrow(/cancel/i);
  });
});
