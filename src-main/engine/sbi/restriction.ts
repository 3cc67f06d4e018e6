// Invalid-run counting and the restriction classifier (Deistler et al. 2022): p(valid | θ) to restrict the prior.
import { z } from 'zod';
import { validationError } from '../../../src-shared/contract/envelope';
import { parseOrThrow } from '../../../src-shared/contract/validate';
import { columnStats, matrix, row, type Matrix } from './matrix';
import { inSupport, samplePrior, type PriorSpec } from './prior';
import { createRng, permutation, type Rng } from './rng';

/** Run statuses that make a run invalid for NPE whatever its metrics. */
export const INVALID_STATUSES = ['exploded', 'quiescent'] as const;

export interface InvalidCount {
  /** 1 for a run kept for NPE training, 0 for one left out, `[n]`. */
  valid: Uint8Array;
  nValid: number;
  nInvalid: number;
  /** Runs with a NaN or ±Infinity metric (counted whatever their status). */
  nonFinite: number;
  exploded: number;
  quiescent: number;
}

/**
 * Which runs NPE may train on: those whose metrics `x [n, dimX]` are all finite and whose status (if given, one per
 * run) is neither exploded nor quiescent. A run can be counted under both a status and `nonFinite`.
 */
export function countInvalidRuns(x: Matrix, status?: readonly (string | null | undefined)[]): InvalidCount {
  if (status && status.length !== x.rows)
    throw validationError('status', `expected ${x.rows} entries (one per run), got ${status.length}`);
  const valid = new Uint8Array(x.rows);
  let nonFinite = 0;
  let exploded = 0;
  let quiescent = 0;
  for (let i = 0; i < x.rows; i++) {
    const finite = row(x, i).every((v) => Number.isFinite(v));
    if (!finite) nonFinite++;
    const s = status?.[i];
    if (s === 'exploded') exploded++;
    if (s === 'quiescent') quiescent++;
    valid[i] = finite && s !== 'exploded' && s !== 'quiescent' ? 1 : 0;
  }
  const nValid = valid.reduce((a, b) => a + b, 0);
  return { valid, nValid, nInvalid: x.rows - nValid, nonFinite, exploded, quiescent };
}

/** Rows of `m` where `keep[i]` is truthy. */
export function keepRows(m: Matrix, keep: ArrayLike<number | boolean>): Matrix {
  let k = 0;
  for (let i = 0; i < m.rows; i++) if (keep[i]) k++;
  const out = matrix(k, m.cols);
  let o = 0;
  for (let i = 0; i < m.rows; i++) if (keep[i]) out.data.set(row(m, i), o++ * m.cols);
  return out;
}

export const restrictionConfigSchema = z.object({
  hiddenFeatures: z.number().int().min(1).max(1024).default(50),
  learningRate: z.number().positive().max(1).default(1e-3),
  batchSize: z.number().int().min(1).default(200),
  validationFraction: z.number().gt(0).lt(1).default(0.1),
  stopAfterEpochs: z.number().int().min(1).default(20),
  maxEpochs: z.number().int().min(1).default(500),
  /** Accept θ where p(valid | θ) exceeds this. */
  threshold: z.number().gt(0).lt(1).default(0.5),
  seed: z.number().int().min(0).default(0),
});
export type RestrictionConfigInput = z.input<typeof restrictionConfigSchema>;
export type RestrictionConfig = z.output<typeof restrictionConfigSchema>;

/** Plain-data form of a trained classifier (persisted with the posterior). */
export interface SavedRestriction {
  dimTheta: number;
  hiddenFeatures: number;
  threshold: number;
  zTheta: { mean: number[]; std: number[] };
  /** Flat weights: W1 [d, H], b1 [H], W2 [H, H], b2 [H], w3 [H], b3. */
  weights: number[];
  /** Fraction of training runs that were valid. */
  validFraction: number;
  epochs: number;
  /** Accuracy on the held-out validation runs. */
  validationAccuracy: number;
}

/** A classifier of valid vs invalid runs over θ: an MLP (2 ReLU layers) trained with Adam on the cross-entropy. */
export class RestrictionClassifier {
  constructor(readonly saved: SavedRestriction) {}

  get threshold(): number {
    return this.saved.threshold;
  }

  /** p(valid | θ) for each row of `theta [n, dimTheta]`. */
  probValid(theta: Matrix): Float64Array {
    const { dimTheta: d, hiddenFeatures: H, zTheta } = this.saved;
    if (theta.cols !== d) throw validationError('theta', `expected ${d} columns, got ${theta.cols}`);
    const P = Float64Array.from(this.saved.weights);
    const out = new Float64Array(theta.rows);
    const x = new Float64Array(d);
    const a1 = new Float64Array(H);
    const a2 = new Float64Array(H);
    for (let i = 0; i < theta.rows; i++) {
      for (let k = 0; k < d; k++) x[k] = (theta.data[i * d + k] - zTheta.mean[k]) / zTheta.std[k];
      out[i] = 1 / (1 + Math.exp(-forward(P, x, d, H, a1, a2)));
    }
    return out;
  }

  /** Whether each θ is accepted: p(valid | θ) > threshold. */
  accepts(theta: Matrix): boolean[] {
    return Array.from(this.probValid(theta), (p) => p > this.threshold);
  }

  /**
   * `n` draws of the restricted prior: prior samples the classifier accepts. Gives up after `maxSeconds` and
   * returns what it has with a warning, like posterior sampling.
   */
  sampleRestrictedPrior(
    prior: PriorSpec,
    n: number,
    rng: Rng,
    maxSeconds = 60,
  ): { samples: Matrix; acceptance: number; warning?: string } {
    const d = this.saved.dimTheta;
    const out = matrix(n, d);
    let accepted = 0;
    let proposed = 0;
    const started = performance.now();
    while (accepted < n) {
      const draws = samplePrior(prior, Math.max(1000, n), rng);
      const ok = this.accepts(draws);
      for (let i = 0; i < draws.rows && accepted < n; i++) {
        proposed++;
        if (ok[i]) out.data.set(row(draws, i), d * accepted++);
      }
      if (accepted < n && performance.now() - started > 1000 * maxSeconds) break;
    }
    const acceptance = accepted / Math.max(1, proposed);
    const samples = accepted < n ? { rows: accepted, cols: d, data: out.data.slice(0, accepted * d) } : out;
    return accepted < n
      ? { samples, acceptance, warning: `only ${accepted} of ${n} prior samples accepted within ${maxSeconds} s` }
      : { samples, acceptance };
  }

  toJSON(): SavedRestriction {
    return this.saved;
  }
}

function forward(P: Float64Array, x: Float64Array, d: number, H: number, a1: Float64Array, a2: Float64Array): number {
  const oB1 = d * H;
  const oW2 = oB1 + H;
  const oB2 = oW2 + H * H;
  const oW3 = oB2 + H;
  for (let j = 0; j < H; j++) {
    let s = P[oB1 + j];
    for (let k = 0; k < d; k++) s += x[k] * P[k * H + j];
    a1[j] = s > 0 ? s : 0;
  }
  let z = P[oW3 + H];
  for (let j = 0; j < H; j++) {
    let s = P[oB2 + j];
    for (let k = 0; k < H; k++) s += a1[k] * P[oW2 + k * H + j];
    a2[j] = s > 0 ? s : 0;
    z += a2[j] * P[oW3 + j];
  }
  return z;
}

/**
 * Trains p(valid | θ) on `theta [n, dimTheta]` (all runs, invalid ones included) and `valid [n]` (1/true = valid).
 * Seeded; keeps the weights of the best validation loss; θ is z-scored by the training set.
 */
export function trainRestrictionClassifier(
  theta: Matrix,
  valid: ArrayLike<number | boolean>,
  configInput: RestrictionConfigInput = {},
): RestrictionClassifier {
  const config: RestrictionConfig = parseOrThrow(restrictionConfigSchema, configInput ?? {}, 'restriction');
  const n = theta.rows;
  const d = theta.cols;
  if (valid.length !== n)
    throw validationError('valid', `expected ${n} entries (one per row of theta), got ${valid.length}`);
  const nVal = Math.max(1, Math.floor(config.validationFraction * n));
  if (n - nVal < 1) throw validationError('theta', `need at least 2 runs, got ${n}`);
  const H = config.hiddenFeatures;
  const rng = createRng(config.seed);
  const zTheta = columnStats(theta);
  const X = new Float64Array(n * d);
  const Y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) X[i * d + k] = (theta.data[i * d + k] - zTheta.mean[k]) / zTheta.std[k];
    Y[i] = valid[i] ? 1 : 0;
  }
  const order = permutation(n, rng);
  const trainIdx = order.slice(nVal);
  const valIdx = order.slice(0, nVal);
  const size = d * H + H + H * H + H + H + 1;
  const P = new Float64Array(size);
  // torch-like init U(-1/√fanIn, 1/√fanIn) per layer.
  const fill = (from: number, count: number, fanIn: number): void => {
    for (let i = 0; i < count; i++) P[from + i] = (2 * rng.uniform() - 1) / Math.sqrt(fanIn);
  };
  fill(0, d * H + H, d);
  fill(d * H + H, H * H + H, H);
  fill(d * H + 2 * H + H * H, H + 1, H);
  const G = new Float64Array(size);
  const M = new Float64Array(size);
  const V = new Float64Array(size);
  const a1 = new Float64Array(H);
  const a2 = new Float64Array(H);
  const d1 = new Float64Array(H);
  const d2 = new Float64Array(H);
  const xr = new Float64Array(d);
  const oB1 = d * H;
  const oW2 = oB1 + H;
  const oB2 = oW2 + H * H;
  const oW3 = oB2 + H;
  const lossOf = (idx: Int32Array): { loss: number; correct: number } => {
    let loss = 0;
    let correct = 0;
    for (const i of idx) {
      for (let k = 0; k < d; k++) xr[k] = X[i * d + k];
      const z = forward(P, xr, d, H, a1, a2);
      // Binary cross-entropy from the logit, stably: softplus(z) - y·z.
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - Y[i] * z;
      if ((z > 0 ? 1 : 0) === Y[i]) correct++;
    }
    return { loss: loss / idx.length, correct };
  };
  let best = Infinity;
  let bestEpoch = 0;
  let bestP = P.slice();
  let step = 0;
  let epochs = 0;
  for (let epoch = 0; epoch < config.maxEpochs; epoch++) {
    epochs = epoch + 1;
    const p = permutation(trainIdx.length, rng);
    for (let start = 0; start < trainIdx.length; start += config.batchSize) {
      const bs = Math.min(config.batchSize, trainIdx.length - start);
      G.fill(0);
      for (let r = 0; r < bs; r++) {
        const i = trainIdx[p[start + r]];
        for (let k = 0; k < d; k++) xr[k] = X[i * d + k];
        const z = forward(P, xr, d, H, a1, a2);
        const delta = 1 / (1 + Math.exp(-z)) - Y[i];
        G[oW3 + H] += delta;
        for (let j = 0; j < H; j++) {
          G[oW3 + j] += delta * a2[j];
          d2[j] = a2[j] > 0 ? delta * P[oW3 + j] : 0;
          G[oB2 + j] += d2[j];
        }
        for (let k = 0; k < H; k++) {
          let s = 0;
          if (a1[k] > 0) {
            for (let j = 0; j < H; j++) {
              G[oW2 + k * H + j] += a1[k] * d2[j];
              s += d2[j] * P[oW2 + k * H + j];
            }
          }
          d1[k] = s;
          G[oB1 + k] += s;
        }
        for (let k = 0; k < d; k++) for (let j = 0; j < H; j++) G[k * H + j] += xr[k] * d1[j];
      }
      step++;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      for (let q = 0; q < size; q++) {
        const g = G[q] / bs;
        M[q] = 0.9 * M[q] + 0.1 * g;
        V[q] = 0.999 * V[q] + 0.001 * g * g;
        P[q] -= (config.learningRate * (M[q] / c1)) / (Math.sqrt(V[q] / c2) + 1e-8);
      }
    }
    const { loss } = lossOf(valIdx);
    if (loss < best) {
      best = loss;
      bestEpoch = epoch;
      bestP = P.slice();
    }
    if (epoch - bestEpoch >= config.stopAfterEpochs) break;
  }
  P.set(bestP);
  const { correct } = lossOf(valIdx);
  return new RestrictionClassifier({
    dimTheta: d,
    hiddenFeatures: H,
    threshold: config.threshold,
    zTheta,
    weights: Array.from(P),
    validFraction: Y.reduce((a, b) => a + b, 0) / n,
    epochs,
    validationAccuracy: correct / valIdx.length,
  });
}

/** Whether θ lies in the prior's support and the classifier accepts it. */
export function inRestrictedSupport(prior: PriorSpec, classifier: RestrictionClassifier, theta: Matrix): boolean[] {
  const ok = classifier.accepts(theta);
  return ok.map((a, i) => a && inSupport(prior, row(theta, i)));
}
