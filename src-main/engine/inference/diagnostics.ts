// SBC, expected coverage and TARP in one pass: posterior draws for many held-out runs in one batched estimator call.
import * as tf from '@tensorflow/tfjs';
import { checkCoverage, type CoverageResult } from '../sbi/diagnostics/coverage';
import { checkSbc, type SbcCheck } from '../sbi/diagnostics/sbc';
import { matrix, row, type Matrix } from '../sbi/matrix';
import type { NpePosterior } from '../sbi/posterior';
import { inSupport, samplePrior } from '../sbi/prior';
import { createRng, type Rng } from '../sbi/rng';

/**
 * Up to `n` posterior draws (internal units, inside the prior) for every row of `xs [m, dimX]`: proposals for all
 * rows go through the estimator together (one call per round instead of one per row), and rounds repeat for rows
 * still short, until `maxRounds`. Shape of each result `[k ≤ n, dimTheta]`.
 */
export function sampleMany(posterior: NpePosterior, xs: Matrix, n: number, rng: Rng, maxRounds = 8): Matrix[] {
  const d = posterior.dimTheta;
  const { mean: mx, std: sx } = posterior.zX;
  const { mean: mt, std: st } = posterior.zTheta;
  const out = Array.from({ length: xs.rows }, () => ({ data: new Float32Array(n * d), k: 0 }));
  for (let round = 0; round < maxRounds; round++) {
    const need = out.map((o, i) => (o.k < n ? i : -1)).filter((i) => i >= 0);
    if (!need.length) break;
    // Twice what is missing: leakage rejection usually keeps more than half.
    const per = need.map((i) => Math.max(8, 2 * (n - out[i].k)));
    const total = per.reduce((a, b) => a + b, 0);
    const xz = new Float32Array(total * xs.cols);
    let at = 0;
    need.forEach((i, q) => {
      const xi = row(xs, i);
      for (let r = 0; r < per[q]; r++, at++)
        for (let j = 0; j < xs.cols; j++) xz[at * xs.cols + j] = (xi[j] - mx[j]) / sx[j];
    });
    const xt = tf.tensor2d(xz, [total, xs.cols]);
    const zt = posterior.trained.estimator.sample(xt, rng);
    const z = zt.dataSync() as Float32Array;
    tf.dispose([xt, zt]);
    at = 0;
    const th = new Float32Array(d);
    need.forEach((i, q) => {
      const o = out[i];
      for (let r = 0; r < per[q]; r++, at++) {
        for (let j = 0; j < d; j++) th[j] = z[at * d + j] * st[j] + mt[j];
        if (o.k < n && inSupport(posterior.prior, th)) o.data.set(th, d * o.k++);
      }
    });
  }
  return out.map((o) => ({ rows: o.k, cols: d, data: o.data.slice(0, o.k * d) }));
}

export interface CalibrationResult {
  sbc: SbcCheck & { ranks: number[][] };
  coverage: CoverageResult & { maxDeviation: number; passed: boolean };
  tarp: CoverageResult & { maxDeviation: number; passed: boolean };
}

const LEVELS = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * Ranks (SBC, Talts et al. 2018), HPD coverage (rank of log q(θ*) among log q(samples)) and TARP (distance to a
 * prior reference point, Lemos et al. 2023) from one set of draws per run, for `theta [m, d]` and `x [m, dimX]`
 * (internal units). Judged with the engine's checkSbc/checkCoverage.
 */
export function runCalibration(
  posterior: NpePosterior,
  theta: Matrix,
  x: Matrix,
  nSamples: number,
  seed: number,
): CalibrationResult {
  const rng = createRng(seed);
  const draws = sampleMany(posterior, x, nSamples, rng);
  const refs = samplePrior(posterior.prior, theta.rows, createRng(seed + 7919));
  const { std } = posterior.zTheta;
  const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += ((a[j] - b[j]) / std[j]) ** 2;
    return s;
  };
  const ranks: number[][] = [];
  const alphas: number[] = [];
  const fs: number[] = [];
  for (let i = 0; i < theta.rows; i++) {
    const s = draws[i];
    const truth = row(theta, i);
    const k = Math.max(1, s.rows);
    ranks.push(
      Array.from(truth, (t, j) => {
        let r = 0;
        for (let q = 0; q < s.rows; q++) if (s.data[q * s.cols + j] < t) r++;
        return Math.round((r * nSamples) / k);
      }),
    );
    if (s.rows) {
      const xi = row(x, i);
      const lp = posterior.logProb(s, xi);
      const lpTrue = posterior.logProb(matrix(1, theta.cols, truth), xi)[0];
      let above = 0;
      lp.forEach((v) => (above += v > lpTrue ? 1 : 0));
      alphas.push(above / k);
    } else alphas.push(1);
    const ref = row(refs, i);
    const dTrue = dist(truth, ref);
    let closer = 0;
    for (let q = 0; q < s.rows; q++) if (dist(row(s, q), ref) < dTrue) closer++;
    fs.push(closer / k);
  }
  const curve = (v: number[]): CoverageResult => ({
    levels: LEVELS,
    coverage: LEVELS.map((l) => v.filter((a) => a <= l).length / v.length),
  });
  const coverage = curve(alphas);
  const tarp = curve(fs);
  return {
    sbc: { ...checkSbc({ ranks, nPosteriorSamples: nSamples }), ranks },
    coverage: { ...coverage, ...checkCoverage(coverage) },
    tarp: { ...tarp, ...checkCoverage(tarp) },
  };
}
