// Invalid runs are counted and left out of NPE; the restriction classifier learns the valid region and restricts the prior.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { posteriorFromJson, posteriorToJson } from '../../../../../src-main/engine/sbi/persistence';
import { trainPosterior } from '../../../../../src-main/engine/sbi/posterior';
import { samplePrior } from '../../../../../src-main/engine/sbi/prior';
import { countInvalidRuns, trainRestrictionClassifier } from '../../../../../src-main/engine/sbi/restriction';
import { createRng } from '../../../../../src-main/engine/sbi/rng';

beforeAll(async () => {
  await selectTfBackend();
});

const prior = { kind: 'box' as const, low: [-2, -2], high: [2, 2] };

/** Runs are valid inside the disc |θ| < 1.2; outside, half explode (NaN metric) and half are quiescent. */
function simulate(n: number, seed: number) {
  const rng = createRng(seed);
  const theta = samplePrior(prior, n, rng);
  const x = matrix(n, 2);
  const status: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = theta.data[2 * i];
    const b = theta.data[2 * i + 1];
    const inside = a * a + b * b < 1.44;
    x.data[2 * i] = inside || a > 0 ? a + 0.1 * rng.normal() : NaN;
    x.data[2 * i + 1] = b + 0.1 * rng.normal();
    status.push(inside ? 'ok' : a > 0 ? 'quiescent' : 'exploded');
  }
  return { theta, x, status };
}

describe('invalid runs', () => {
  it('counts NaN/inf metrics and exploded/quiescent runs', () => {
    const x = matrix(4, 1, [1, NaN, Infinity, 2]);
    const c = countInvalidRuns(x, ['ok', 'exploded', 'ok', 'quiescent']);
    expect(Array.from(c.valid)).toEqual([1, 0, 0, 0]);
    expect(c).toMatchObject({ nValid: 1, nInvalid: 3, nonFinite: 2, exploded: 1, quiescent: 1 });
    expect(() => countInvalidRuns(x, ['ok'])).toThrow(/status: expected 4 entries/);
  });
});

describe('restriction classifier', () => {
  it('learns the valid region and restricts the prior to it', () => {
    const { theta, x, status } = simulate(3000, 1);
    const { valid } = countInvalidRuns(x, status);
    const clf = trainRestrictionClassifier(theta, valid, { seed: 2, maxEpochs: 150 });
    // Fresh θ: the classifier agrees with the true region away from its boundary.
    const test = samplePrior(prior, 2000, createRng(9));
    const p = clf.probValid(test);
    let agree = 0;
    let counted = 0;
    for (let i = 0; i < test.rows; i++) {
      const r = Math.hypot(test.data[2 * i], test.data[2 * i + 1]);
      if (Math.abs(r - 1.2) < 0.15) continue;
      counted++;
      if (p[i] > 0.5 === r < 1.2) agree++;
    }
    expect(agree / counted).toBeGreaterThan(0.97);
    const { samples, acceptance } = clf.sampleRestrictedPrior(prior, 1000, createRng(3));
    expect(samples.rows).toBe(1000);
    // Area of the disc over the box: π·1.44 / 16 ≈ 0.283.
    expect(acceptance).toBeGreaterThan(0.23);
    expect(acceptance).toBeLessThan(0.34);
    let inside = 0;
    for (let i = 0; i < samples.rows; i++)
      if (Math.hypot(samples.data[2 * i], samples.data[2 * i + 1]) < 1.35) inside++;
    expect(inside / samples.rows).toBeGreaterThan(0.97);
  });

  it('trains alongside NPE, which leaves the invalid runs out; survives persistence; no leaked tensors', async () => {
    const { theta, x, status } = simulate(1500, 4);
    const before = tf.memory().numTensors;
    const post = await trainPosterior({
      theta,
      x,
      prior,
      status,
      metricIds: ['a', 'b'],
      restriction: { maxEpochs: 60 },
      config: { maxEpochs: 5, hiddenFeatures: 20, numTransforms: 2, seed: 1 },
    });
    const c = countInvalidRuns(x, status);
    expect(post.meta.invalidRuns).toMatchObject({ total: 1500, nInvalid: c.nInvalid, exploded: c.exploded });
    expect(c.nInvalid).toBeGreaterThan(900);
    const { samples } = post.sample(300, [0.5, 0.5], { seed: 1, restrict: true });
    const p = post.restriction!.probValid(samples);
    expect(p.every((v) => v > 0.5)).toBe(true);
    const loaded = posteriorFromJson(JSON.parse(JSON.stringify(posteriorToJson(post))));
    expect(Array.from(loaded.restriction!.probValid(samples))).toEqual(Array.from(p));
    expect(loaded.meta.invalidRuns).toEqual(post.meta.invalidRuns);
    post.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // Without a classifier, restricting is an error, not a silent no-op.
    const plain = await trainPosterior({ theta, x, prior, status, metricIds: ['a', 'b'], config: { maxEpochs: 1 } });
    expect(() => plain.sample(10, [0, 0], { restrict: true })).toThrow(/restrict/);
    plain.dispose();
  });
});
