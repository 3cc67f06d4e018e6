// Simulation-based calibration (Talts et al. 2018): rank statistics per parameter, judged by KS tests.
import { row, type Matrix } from '../matrix';
import type { NpePosterior } from '../posterior';

export interface SbcResult {
  /** Ranks `[nSbc][dimTheta]` of each true θ among `nPosteriorSamples` posterior draws, in 0..nPosteriorSamples. */
  ranks: number[][];
  nPosteriorSamples: number;
}

export interface SbcCheck {
  /** KS p-value per parameter against uniform ranks. */
  ksPValues: number[];
  /** Rank histogram per parameter (`bins` bins). */
  histograms: number[][];
  /** True when every p-value exceeds `alpha` divided by the number of parameters (Bonferroni). */
  passed: boolean;
}

/** Ranks of the true parameters `theta [n, d]` among posterior samples given their data `x [n, dimX]`. */
export function runSbc(
  posterior: NpePosterior,
  theta: Matrix,
  x: Matrix,
  nPosteriorSamples = 100,
  seed = 0,
): SbcResult {
  const ranks: number[][] = [];
  for (let i = 0; i < theta.rows; i++) {
    const { samples } = posterior.sample(nPosteriorSamples, row(x, i), { seed: seed + i, maxSeconds: 5 });
    const truth = row(theta, i);
    ranks.push(
      Array.from(truth, (t, j) => {
        let r = 0;
        for (let k = 0; k < samples.rows; k++) if (samples.data[k * samples.cols + j] < t) r++;
        // Rescale if the time limit cut the draws short, so ranks stay on one scale.
        return Math.round((r * nPosteriorSamples) / Math.max(1, samples.rows));
      }),
    );
  }
  return { ranks, nPosteriorSamples };
}

export function checkSbc(result: SbcResult, options: { alpha?: number; bins?: number } = {}): SbcCheck {
  const alpha = options.alpha ?? 0.05;
  const bins = options.bins ?? 20;
  const d = result.ranks[0]?.length ?? 0;
  const L = result.nPosteriorSamples;
  const ksPValues: number[] = [];
  const histograms: number[][] = [];
  for (let j = 0; j < d; j++) {
    // Continuous relaxation of the discrete uniform on 0..L: u = (rank + 0.5) / (L + 1).
    const u = result.ranks.map((r) => (r[j] + 0.5) / (L + 1));
    ksPValues.push(ksUniformPValue(u));
    const h = new Array<number>(bins).fill(0);
    for (const r of result.ranks) h[Math.min(bins - 1, Math.floor((r[j] / (L + 1)) * bins))]++;
    histograms.push(h);
  }
  return { ksPValues, histograms, passed: ksPValues.every((p) => p > alpha / Math.max(1, d)) };
}

/** One-sample Kolmogorov-Smirnov test of values in [0, 1] against U(0, 1); asymptotic p-value. */
export function ksUniformPValue(values: number[]): number {
  const n = values.length;
  const s = [...values].sort((a, b) => a - b);
  let D = 0;
  s.forEach((v, i) => (D = Math.max(D, (i + 1) / n - v, v - i / n)));
  // Stephens' small-sample correction of the Kolmogorov distribution's argument.
  const lambda = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * D;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, p));
}
