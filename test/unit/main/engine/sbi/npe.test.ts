// Unit tests of the SBI engine: config validation, estimator agreement on a Gaussian, determinism, no leaked tensors.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { trainPosterior } from '../../../../../src-main/engine/sbi/posterior';
import { samplePrior } from '../../../../../src-main/engine/sbi/prior';
import { createRng } from '../../../../../src-main/engine/sbi/rng';
import { trainingConfig } from '../../../../../src-main/engine/sbi/training';
import { SBIBM_TASKS } from '../../../../../src-main/engine/sbi/tasks';

beforeAll(async () => {
  await selectTfBackend();
});

/** 1-D conjugate Gaussian: θ ~ N(0, 1), x ~ N(θ, 0.5²); posterior N(0.8·x, 0.2). */
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

describe('training config', () => {
  it("fills sbi's defaults", () => {
    const c = trainingConfig({});
    expect(c).toMatchObject({
      estimator: 'maf',
      learningRate: 5e-4,
      batchSize: 200,
      validationFraction: 0.1,
      stopAfterEpochs: 20,
      clipMaxNorm: 5,
    });
  });
  it('names the offending field', () => {
    expect(() => trainingConfig({ learningRate: -1 })).toThrow(/config\.learningRate/);
    expect(() => trainingConfig({ estimator: 'flow' })).toThrow(/config\.estimator/);
  });
});

describe.each(['maf', 'nsf', 'mdn'] as const)('%s on a conjugate Gaussian', (estimator) => {
  // The spline flow does ~10x more tensor ops per step than MAF on wasm; allow for it on a loaded machine.
  it('recovers the analytic posterior, deterministically, without leaking tensors', { timeout: 120_000 }, async () => {
    const { theta, x } = gaussian1d(2000, 3);
    const prior = { kind: 'gaussian' as const, mean: [0], std: [1] };
    const before = tf.memory().numTensors;
    const base = { estimator, maxEpochs: 30, hiddenFeatures: 20, numTransforms: 2, numComponents: 2, seed: 7 };
    // Splines start near the identity and move slower per epoch: more, smaller steps to reach the same posterior.
    const config = estimator === 'nsf' ? { ...base, maxEpochs: 60, batchSize: 100, learningRate: 1e-3 } : base;
    const post = await trainPosterior({ theta, x, prior, metricIds: ['x'], config });
    const again = await trainPosterior({ theta, x, prior, metricIds: ['x'], config });
    const afterTrain = tf.memory().numTensors;
    const { samples } = post.sample(4000, [1], { seed: 1 });
    expect(tf.memory().numTensors).toBe(afterTrain);
    const m = samples.data.reduce((a, b) => a + b, 0) / samples.rows;
    const v = samples.data.reduce((a, b) => a + (b - m) ** 2, 0) / samples.rows;
    // Analytic: mean 0.8, variance 0.2. Tolerance covers training error at 2000 sims, 30 epochs, and Monte Carlo.
    expect(Math.abs(m - 0.8)).toBeLessThan(0.1);
    expect(v).toBeGreaterThan(0.14);
    expect(v).toBeLessThan(0.27);
    // Seeded: the same config gives the same curve.
    expect(again.curve.map((c) => c.valLoss)).toEqual(post.curve.map((c) => c.valLoss));
    // logProb in original units near the analytic density at the mode: N(0.8; 0.8, 0.2) = -0.5·log(2π·0.2).
    const lp = post.logProb(matrix(1, 1, [0.8]), [1])[0];
    expect(lp).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * 0.2), 0);
    expect(post.map([1])[0]).toBeCloseTo(0.8, 0);
    post.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('posterior sampling', () => {
  it('rejects samples outside the prior and returns with a warning at low acceptance', async () => {
    const { theta, x } = gaussian1d(500, 4);
    const box = { kind: 'box' as const, low: [-1], high: [1] };
    const post = await trainPosterior({ theta, x, prior: box, metricIds: ['x'], config: { maxEpochs: 3, seed: 1 } });
    const { samples, acceptance } = post.sample(500, [0], { seed: 2 });
    expect(samples.data.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(acceptance).toBeGreaterThan(0);
    // At x = 40 the posterior lies far outside [-1, 1]: the time limit returns what it has.
    // A zero time limit stops after one proposal round (1000 draws), whatever the machine's speed.
    const far = post.sample(1000, [40], { seed: 3, maxSeconds: 0, batchSize: 1000 });
    expect(far.samples.rows).toBeLessThan(1000);
    expect(far.warning).toMatch(/acceptance/);
    expect(() => post.sample(10, [1, 2])).toThrow(/x: expected 1 values, got 2/);
    post.dispose();
  });
});

describe('sbibm tasks', () => {
  it('gaussian_linear reference matches N(0.5·x, 0.05·I)', () => {
    const task = SBIBM_TASKS.gaussian_linear;
    const ref = task.referencePosterior(1, 20000, createRng(1));
    const x = task.observations[0];
    for (const j of [0, 4]) {
      let m = 0;
      for (let i = 0; i < ref.rows; i++) m += ref.data[i * 10 + j];
      m /= ref.rows;
      expect(m).toBeCloseTo(0.5 * x[j], 2);
    }
  });
  it('two_moons and gaussian_mixture references stay in the prior; simulators have the right shape', () => {
    for (const task of [SBIBM_TASKS.two_moons, SBIBM_TASKS.gaussian_mixture, SBIBM_TASKS.slcp]) {
      const ref = task.referencePosterior(2, 500, createRng(2));
      expect(ref.rows).toBe(500);
      const lim = (task.prior as { high: number[] }).high[0];
      expect(ref.data.every((v) => Math.abs(v) <= lim)).toBe(true);
      const th = samplePrior(task.prior, 10, createRng(3));
      expect(task.simulate(th, createRng(4)).cols).toBe(task.dimData);
    }
  });
});
