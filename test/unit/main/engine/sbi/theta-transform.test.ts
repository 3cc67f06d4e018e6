// Logit transform for box priors: exact round trip, and a posterior trained in logit space is a proper density in the box.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { columnStats, matrix } from '../../../../../src-main/engine/sbi/matrix';
import { posteriorFromJson, posteriorToJson } from '../../../../../src-main/engine/sbi/persistence';
import { trainPosterior } from '../../../../../src-main/engine/sbi/posterior';
import { createRng } from '../../../../../src-main/engine/sbi/rng';
import {
  fromUnboundedInPlace,
  logAbsDetToUnbounded,
  toUnbounded,
} from '../../../../../src-main/engine/sbi/theta-transform';

beforeAll(async () => {
  await selectTfBackend();
});

const box = { kind: 'box' as const, low: [0, -2], high: [1, 6] };

describe('logit transform', () => {
  it('round-trips and has the analytic log-Jacobian', () => {
    const theta = matrix(3, 2, [0.5, 2, 0.01, -1.9, 0.99, 5.5]);
    const u = toUnbounded(box, theta);
    expect(u.data[0]).toBeCloseTo(0, 6);
    const back = Float32Array.from(u.data);
    fromUnboundedInPlace(box, back, 2);
    back.forEach((v, i) => expect(v).toBeCloseTo(theta.data[i], 5));
    // d logit(u)/dθ = 1 / ((high - low) u (1 - u)); at the centre u = 1/2: 4 / width.
    expect(logAbsDetToUnbounded(box, [0.5, 2])).toBeCloseTo(Math.log(4 / 1) + Math.log(4 / 8), 6);
  });

  it('trains in logit space: no leakage, density normalised in the box, truncated posterior at an edge', async () => {
    // θ ~ U[0, 1], x = θ + 0.1·ε: at x = 0.02 the posterior is N(0.02, 0.1²) cut at 0, a sharp edge.
    const rng = createRng(8);
    const n = 3000;
    const theta = matrix(n, 1);
    const x = matrix(n, 1);
    for (let i = 0; i < n; i++) {
      theta.data[i] = rng.uniform();
      x.data[i] = theta.data[i] + 0.1 * rng.normal();
    }
    const prior = { kind: 'box' as const, low: [0], high: [1] };
    const before = tf.memory().numTensors;
    const post = await trainPosterior({
      theta,
      x,
      prior,
      metricIds: ['x'],
      config: { transformTheta: 'logit', hiddenFeatures: 20, numTransforms: 3, seed: 1, maxEpochs: 150 },
    });
    const { samples, acceptance } = post.sample(4000, [0.02], { seed: 4 });
    expect(acceptance).toBe(1);
    // Truncated normal N(0.02, 0.1) on [0, 1]: mean 0.02 + 0.1·φ(a)/(1 - Φ(a)) with a = -0.2, i.e. ≈ 0.0918.
    const { mean } = columnStats(samples);
    expect(mean[0]).toBeGreaterThan(0.0918 - 0.015);
    expect(mean[0]).toBeLessThan(0.0918 + 0.015);
    // ∫ q(θ | x) dθ over the box by the midpoint rule.
    const m = 2000;
    const grid = matrix(
      m,
      1,
      Array.from({ length: m }, (_, i) => (i + 0.5) / m),
    );
    const lp = post.logProb(grid, [0.02]);
    const mass = lp.reduce((a, v) => a + Math.exp(v) / m, 0);
    expect(mass).toBeGreaterThan(0.97);
    expect(mass).toBeLessThan(1.03);
    expect(post.logProb(matrix(1, 1, [1.5]), [0.02])[0]).toBe(-Infinity);
    const loaded = posteriorFromJson(JSON.parse(JSON.stringify(posteriorToJson(post))));
    expect(Array.from(loaded.logProb(grid, [0.3]).slice(0, 5))).toEqual(
      Array.from(post.logProb(grid, [0.3]).slice(0, 5)),
    );
    post.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
