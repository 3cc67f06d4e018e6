// Saved posteriors reload to the same densities; SBC, coverage and TARP judge a well-trained 1-D posterior calibrated.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { checkCoverage, runExpectedCoverage, runTarp } from '../../../../../src-main/engine/sbi/diagnostics/coverage';
import { checkSbc, ksUniformPValue, runSbc } from '../../../../../src-main/engine/sbi/diagnostics/sbc';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { posteriorFromJson, posteriorToJson } from '../../../../../src-main/engine/sbi/persistence';
import { trainPosterior } from '../../../../../src-main/engine/sbi/posterior';
import { createRng } from '../../../../../src-main/engine/sbi/rng';

beforeAll(async () => {
  await selectTfBackend();
});

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

describe('persistence and diagnostics', () => {
  it('round-trips through JSON and passes calibration checks', async () => {
    const { theta, x } = gaussian1d(2000, 3);
    const prior = { kind: 'gaussian' as const, mean: [0], std: [1] };
    const before = tf.memory().numTensors;
    const post = await trainPosterior({
      theta,
      x,
      prior,
      metricIds: ['x'],
      libraryId: 'lib1',
      config: { maxEpochs: 40, hiddenFeatures: 20, numTransforms: 2, seed: 7 },
    });
    const json = JSON.parse(JSON.stringify(posteriorToJson(post)));
    expect(json).toMatchObject({ format: 'lodyn-posterior', version: 1, metricIds: ['x'], libraryId: 'lib1' });
    const loaded = posteriorFromJson(json);
    const grid = matrix(3, 1, [-0.5, 0.3, 1.2]);
    expect(Array.from(loaded.logProb(grid, [0.4]))).toEqual(Array.from(post.logProb(grid, [0.4])));
    expect(() => posteriorFromJson({ ...json, version: 99 })).toThrow(/newer/);

    const test = gaussian1d(150, 9);
    const sbc = checkSbc(runSbc(post, test.theta, test.x, 100, 1));
    expect(sbc.passed).toBe(true);
    expect(checkCoverage(runExpectedCoverage(post, test.theta, test.x, 100, 2), 0.15).passed).toBe(true);
    expect(checkCoverage(runTarp(post, test.theta, test.x, 100, 3), 0.15).passed).toBe(true);
    post.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('KS p-value is small for non-uniform values and large for uniform ones', () => {
    const rng = createRng(1);
    expect(ksUniformPValue(Array.from({ length: 500 }, () => rng.uniform()))).toBeGreaterThan(0.05);
    expect(ksUniformPValue(Array.from({ length: 500 }, () => rng.uniform() ** 2))).toBeLessThan(1e-4);
  });
});
