// Ensembles of flows: the mixture density is the mean of the members', sampling follows it, and it saves and reloads.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { columnStats, matrix } from '../../../../../src-main/engine/sbi/matrix';
import { posteriorFromJson, posteriorToJson } from '../../../../../src-main/engine/sbi/persistence';
import { trainPosterior } from '../../../../../src-main/engine/sbi/posterior';
import { createRng } from '../../../../../src-main/engine/sbi/rng';
import { EnsembleEstimator } from '../../../../../src-main/engine/sbi/estimators/ensemble';
import { trainingConfig } from '../../../../../src-main/engine/sbi/training';

beforeAll(async () => {
  await selectTfBackend();
});

/** θ ~ N(0, 1), x = θ + 0.5·ε: posterior N(0.8·x, 0.2). */
function gaussian1d(n: number, seed: number) {
  const rng = createRng(seed);
  const theta = matrix(n, 1);
  const x = matrix(n, 1);
  for (let i = 0; i < n; i++) {
    theta.data[i] = rng.normal();
    x.data[i] = theta.data[i] + 0.5 * rng.normal();
  }
  return { theta, x };
}

describe('ensemble of flows', () => {
  it('defaults to one flow and validates the member count', () => {
    expect(trainingConfig({}).ensemble).toBe(1);
    expect(() => trainingConfig({ ensemble: 0 })).toThrow(/ensemble/);
  });

  it('is the mean of its members, samples the posterior, and round-trips through JSON', async () => {
    const { theta, x } = gaussian1d(1500, 4);
    const prior = { kind: 'gaussian' as const, mean: [0], std: [1] };
    const before = tf.memory().numTensors;
    const epochs: (number | undefined)[] = [];
    const post = await trainPosterior(
      {
        theta,
        x,
        prior,
        metricIds: ['x'],
        config: { maxEpochs: 25, hiddenFeatures: 16, numTransforms: 2, seed: 5, ensemble: 3 },
      },
      { onEpoch: (p) => epochs.push(p.member) },
    );
    const est = post.trained.estimator;
    expect(est).toBeInstanceOf(EnsembleEstimator);
    const members = (est as EnsembleEstimator).members;
    expect(members).toHaveLength(3);
    expect(new Set(epochs)).toEqual(new Set([0, 1, 2]));
    expect(post.trained.epochs).toBe(epochs.length);

    // log q = log((q₁ + q₂ + q₃) / 3), checked against the members in plain numbers.
    const th = tf.tensor2d([-0.7, 0.1, 0.9], [3, 1]);
    const xs = tf.tensor2d([0.2, 0.2, 0.2], [3, 1]);
    const mix = est.logProb(th, xs);
    const each = members.map((m) => m.logProb(th, xs));
    const mixValues = mix.dataSync();
    const eachValues = each.map((t) => t.dataSync());
    for (let i = 0; i < 3; i++) {
      const expected = Math.log(eachValues.reduce((a, v) => a + Math.exp(v[i]), 0) / 3);
      expect(mixValues[i]).toBeCloseTo(expected, 4);
    }
    tf.dispose([th, xs, mix, ...each]);

    // Posterior at x = 1: N(0.8, 0.2); the mixture of three well-trained flows must match it.
    const { samples } = post.sample(4000, [1], { seed: 2 });
    const { mean, std } = columnStats(samples);
    expect(mean[0]).toBeGreaterThan(0.8 - 0.08);
    expect(mean[0]).toBeLessThan(0.8 + 0.08);
    expect(std[0] / Math.sqrt(0.2)).toBeGreaterThan(0.85);
    expect(std[0] / Math.sqrt(0.2)).toBeLessThan(1.15);

    const loaded = posteriorFromJson(JSON.parse(JSON.stringify(posteriorToJson(post))));
    expect(loaded.config.ensemble).toBe(3);
    const grid = matrix(3, 1, [-0.5, 0.3, 1.2]);
    expect(Array.from(loaded.logProb(grid, [0.4]))).toEqual(Array.from(post.logProb(grid, [0.4])));
    expect(Array.from(loaded.sample(5, [0.4], { seed: 1 }).samples.data)).toEqual(
      Array.from(post.sample(5, [0.4], { seed: 1 }).samples.data),
    );
    post.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
