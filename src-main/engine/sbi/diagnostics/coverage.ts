// Expected coverage (highest-density regions) and TARP (Lemos et al. 2023): is the posterior over/under-confident?
import { matrix, row, type Matrix } from '../matrix';
import type { NpePosterior } from '../posterior';
import { samplePrior } from '../prior';
import { createRng } from '../rng';

export interface CoverageResult {
  /** Credibility levels 0..1. */
  levels: number[];
  /** Empirical fraction of true θ inside the level's region; the diagonal means calibrated. */
  coverage: number[];
}

const LEVELS = Array.from({ length: 21 }, (_, i) => i / 20);

/** Expected HPD coverage over pairs `theta [n, d]`, `x [n, dimX]`: rank of log q(θ*) among log q(samples). */
export function runExpectedCoverage(
  posterior: NpePosterior,
  theta: Matrix,
  x: Matrix,
  nPosteriorSamples = 200,
  seed = 0,
): CoverageResult {
  const alphas: number[] = [];
  for (let i = 0; i < theta.rows; i++) {
    const xi = row(x, i);
    const { samples } = posterior.sample(nPosteriorSamples, xi, { seed: seed + i, maxSeconds: 5 });
    const lpSamples = posterior.logProb(samples, xi);
    const lpTrue = posterior.logProb(matrix(1, theta.cols, row(theta, i)), xi)[0];
    let above = 0;
    lpSamples.forEach((v) => (above += v > lpTrue ? 1 : 0));
    // θ* lies inside the HPD region of level `above / n`.
    alphas.push(above / Math.max(1, samples.rows));
  }
  return { levels: LEVELS, coverage: LEVELS.map((l) => alphas.filter((a) => a <= l).length / alphas.length) };
}

/** TARP coverage: distance to random reference points (drawn from the prior) instead of densities. */
export function runTarp(
  posterior: NpePosterior,
  theta: Matrix,
  x: Matrix,
  nPosteriorSamples = 200,
  seed = 0,
): CoverageResult {
  const refs = samplePrior(posterior.prior, theta.rows, createRng(seed + 7919));
  const { std } = posterior.zTheta;
  const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += ((a[j] - b[j]) / std[j]) ** 2;
    return s;
  };
  const fs: number[] = [];
  for (let i = 0; i < theta.rows; i++) {
    const { samples } = posterior.sample(nPosteriorSamples, row(x, i), { seed: seed + i, maxSeconds: 5 });
    const ref = row(refs, i);
    const dTrue = dist(row(theta, i), ref);
    let closer = 0;
    for (let k = 0; k < samples.rows; k++) if (dist(row(samples, k), ref) < dTrue) closer++;
    fs.push(closer / Math.max(1, samples.rows));
  }
  return { levels: LEVELS, coverage: LEVELS.map((l) => fs.filter((f) => f <= l).length / fs.length) };
}

/** Largest gap between the coverage curve and the diagonal; `passed` when under `tolerance`. */
export function checkCoverage(result: CoverageResult, tolerance = 0.1): { maxDeviation: number; passed: boolean } {
  const maxDeviation = Math.max(...result.levels.map((l, i) => Math.abs(result.coverage[i] - l)));
  return { maxDeviation, passed: maxDeviation < tolerance };
}
