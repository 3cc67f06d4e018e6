// NPE vs sbibm: C2ST against reference posteriors (published NPE values as bounds) and SBC on gaussian_linear.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend } from '../../src-main/engine/tf/backend';
import { runSbibm } from '../../src-main/engine/sbi/benchmark';
import { checkSbc, runSbc } from '../../src-main/engine/sbi/diagnostics/sbc';
import { trainPosterior } from '../../src-main/engine/sbi/posterior';
import { samplePrior } from '../../src-main/engine/sbi/prior';
import { createRng } from '../../src-main/engine/sbi/rng';
import { columnStats } from '../../src-main/engine/sbi/matrix';
import { SBIBM_TASKS } from '../../src-main/engine/sbi/tasks';

const CI = Boolean(process.env.CI);

// sbibm's NPE C2ST (mean over 10 observations) at 10^3 / 10^4 simulations (Lueckmann et al. 2021).
const PUBLISHED = {
  gaussian_linear: { 1000: 0.694, 10000: 0.552 },
  two_moons: { 1000: 0.725, 10000: 0.606 },
  slcp: { 1000: 0.975, 10000: 0.901 },
  gaussian_mixture: { 1000: 0.716, 10000: 0.615 },
} as const;

beforeAll(async () => {
  await selectTfBackend();
});

// Full mode: sbibm's C2ST at 10^4 simulations on every task, against sbibm's published NPE means (never loosened).
// CI mode runs the analytic check below instead: 10-D C2ST costs many minutes here, and at 10^3 simulations our NPE
// is above sbibm's published values on two_moons (0.760 vs 0.725) and gaussian_mixture (0.721 vs 0.716) — a known gap
// (docs/SBI.md), so a CI gate on it would be red for a reason CI cannot fix.
describe.skipIf(CI)('sbibm C2ST', () => {
  // sbibm's NPE results come from NSF (its snpe.run default neural_net="nsf"), so the comparison uses nsf.
  // C2ST uses 10,000 posterior and reference samples as sbibm does (fewer would make it easier to pass).
  const cases = (Object.keys(PUBLISHED) as (keyof typeof PUBLISHED)[]).map((task) => ({
    task,
    sims: 10_000,
    bound: PUBLISHED[task][10000] as number,
  }));
  it.each(cases)('$task at $sims simulations (nsf)', async ({ task, sims, bound }) => {
    const r = await runSbibm({ task, sims, estimator: 'nsf', observation: 1, seed: 0, c2stSamples: 10_000 });
    console.log(
      `${task}: C2ST ${r.c2st.toFixed(3)} (sbibm NPE ${bound.toFixed(3)}), ${r.trainSeconds.toFixed(1)} s, ${r.epochs} epochs, ${r.backend}`,
    );
    expect(r.c2st).toBeLessThan(bound);
  });
});

describe('gaussian_linear against its analytic posterior N(0.5·x, 0.05·I)', () => {
  it('matches the posterior mean and variance at the observations (MAF, 2000 simulations)', async () => {
    const task = SBIBM_TASKS.gaussian_linear;
    const rng = createRng(5);
    const theta = samplePrior(task.prior, 2000, rng);
    const x = task.simulate(theta, rng);
    const post = await trainPosterior({
      theta,
      x,
      prior: task.prior,
      metricIds: Array.from({ length: x.cols }, (_, j) => `x${j}`),
      config: { seed: 3 },
    });
    const n = 4000;
    const postStd = Math.sqrt(0.05);
    for (const obs of [1, 2, 3]) {
      const xo = task.observations[obs - 1];
      const { samples } = post.sample(n, xo, { seed: obs });
      const { mean, std } = columnStats(samples);
      for (let j = 0; j < 10; j++) {
        // Tolerances: the Monte Carlo error of n samples is 0.016·σ for the mean and ~1.1% for the std; the rest
        // bounds the estimator's error at 2000 simulations (a broken flow or z-scoring misses these by far).
        expect(Math.abs(mean[j] - 0.5 * xo[j]), `obs ${obs} mean[${j}]`).toBeLessThan(0.3 * postStd);
        expect(std[j] / postStd, `obs ${obs} std[${j}]`).toBeGreaterThan(0.75);
        expect(std[j] / postStd, `obs ${obs} std[${j}]`).toBeLessThan(1.3);
      }
    }
    post.dispose();
  });
});

describe('SBC on gaussian_linear', () => {
  it('ranks are uniform (KS per parameter, Bonferroni)', async () => {
    const task = SBIBM_TASKS.gaussian_linear;
    const rng = createRng(11);
    const theta = samplePrior(task.prior, CI ? 2000 : 10_000, rng);
    const x = task.simulate(theta, rng);
    const post = await trainPosterior({
      theta,
      x,
      prior: task.prior,
      metricIds: x.cols ? Array.from({ length: x.cols }, (_, j) => `x${j}`) : [],
      config: { seed: 2 },
    });
    const tTest = samplePrior(task.prior, CI ? 100 : 300, rng);
    const xTest = task.simulate(tTest, rng);
    const check = checkSbc(runSbc(post, tTest, xTest, 100, 5));
    post.dispose();
    console.log('SBC KS p-values', check.ksPValues.map((p) => p.toFixed(3)).join(' '));
    expect(check.passed).toBe(true);
  });
});
