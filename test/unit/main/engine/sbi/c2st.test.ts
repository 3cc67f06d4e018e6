// C2ST: ~0.5 for two samples of one distribution, near 1 for separated ones; no leaked tensors.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { c2st } from '../../../../../src-main/engine/sbi/c2st';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { createRng } from '../../../../../src-main/engine/sbi/rng';

beforeAll(async () => {
  await selectTfBackend();
});

function normal2d(n: number, shift: number, seed: number) {
  const rng = createRng(seed);
  const m = matrix(n, 2);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal() + shift;
  return m;
}

describe('c2st', () => {
  it('separates shifted Gaussians and not identical ones', () => {
    const before = tf.memory().numTensors;
    const same = c2st(normal2d(300, 0, 1), normal2d(300, 0, 2), { maxEpochs: 60 });
    const apart = c2st(normal2d(300, 0, 1), normal2d(300, 4, 3), { maxEpochs: 60 });
    expect(same).toBeGreaterThan(0.4);
    expect(same).toBeLessThan(0.6);
    expect(apart).toBeGreaterThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  });
});
