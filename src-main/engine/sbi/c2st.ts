// Classifier two-sample test exactly as sbibm computes it: sklearn's MLPClassifier settings, 5-fold shuffled CV.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { validationError } from '../../../src-shared/contract/envelope';
import { mlpFoldAccuracy, type MlpFoldInput, type MlpFoldResult } from './c2st-mlp';
import { columnStats, type Matrix } from './matrix';
import { createRng, permutation } from './rng';

export interface C2stOptions {
  /** Seed of the fold split, weight init and shuffling (sbibm's random_state). @default 1 */
  seed?: number;
  /** Folds of the cross-validation. @default 5 */
  folds?: number;
  /** Epoch cap (sklearn's max_iter; sbibm sets 10000). @default 10000 */
  maxEpochs?: number;
}

export interface C2stParallelOptions extends C2stOptions {
  /** Worker threads training folds at once. @default min(folds, available cores) */
  workers?: number;
}

export interface C2stDetails {
  /** Mean test accuracy over the folds: 0.5 when indistinguishable, 1 when separable. */
  accuracy: number;
  folds: MlpFoldResult[];
}

/**
 * Builds sbibm's folds: both sets z-scored by the reference's mean and (unbiased) std, labels 0 for the reference
 * and 1 for `approx`, sklearn's KFold(shuffle=True): one permutation, the first n % k folds one row longer.
 */
function prepareFolds(reference: Matrix, approx: Matrix, options: C2stOptions): MlpFoldInput[] {
  if (reference.cols !== approx.cols) {
    throw validationError('approx', `expected ${reference.cols} columns like the reference, got ${approx.cols}`);
  }
  const seed = options.seed ?? 1;
  const nFolds = options.folds ?? 5;
  const maxEpochs = options.maxEpochs ?? 10_000;
  const d = reference.cols;
  const n = reference.rows + approx.rows;
  if (!Number.isInteger(nFolds) || nFolds < 2 || nFolds > n)
    throw validationError('folds', `expected an integer in [2, ${n}], got ${nFolds}`);
  const { mean, std } = columnStats(reference);
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const src = i < reference.rows ? reference : approx;
    const r = i < reference.rows ? i : i - reference.rows;
    for (let j = 0; j < d; j++) x[i * d + j] = (src.data[r * d + j] - mean[j]) / std[j];
    y[i] = i < reference.rows ? 0 : 1;
  }
  const order = permutation(n, createRng(seed));
  const folds: MlpFoldInput[] = [];
  let start = 0;
  for (let f = 0; f < nFolds; f++) {
    const len = Math.floor(n / nFolds) + (f < n % nFolds ? 1 : 0);
    const test = order.slice(start, start + len);
    const train = new Int32Array(n - len);
    train.set(order.subarray(0, start));
    train.set(order.subarray(start + len), start);
    // cross_val_score clones the classifier with the same random_state, so every fold starts from the same seed.
    folds.push({ x, y, d, train, test, seed: seed + 0x5bd1e995, maxEpochs });
    start += len;
  }
  return folds;
}

function summarize(folds: MlpFoldResult[]): C2stDetails {
  return { accuracy: folds.reduce((a, f) => a + f.accuracy, 0) / folds.length, folds };
}

/** C2ST accuracy between `reference [n, d]` and `approx [m, d]`, folds one after the other on this thread. */
export function c2st(reference: Matrix, approx: Matrix, options: C2stOptions = {}): number {
  return summarize(prepareFolds(reference, approx, options).map(mlpFoldAccuracy)).accuracy;
}

// The fold trainer runs from its own source text, so workers need no loader for TypeScript; `__name` covers
// esbuild's keepNames helper, which transpilers may insert into the function body.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const __name = (f) => f;
const mlpFoldAccuracy = ${mlpFoldAccuracy.toString()};
parentPort.postMessage(mlpFoldAccuracy(workerData));
`;

function foldInWorker(fold: MlpFoldInput): Promise<MlpFoldResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: fold });
    worker.once('message', (r: MlpFoldResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`C2ST fold worker exited with code ${code}`));
    });
  });
}

/** The same statistic as `c2st`, with the folds trained in parallel worker threads; also returns per-fold details. */
export async function c2stParallel(
  reference: Matrix,
  approx: Matrix,
  options: C2stParallelOptions = {},
): Promise<C2stDetails> {
  const folds = prepareFolds(reference, approx, options);
  const nWorkers = Math.max(1, Math.min(folds.length, options.workers ?? availableParallelism()));
  if (nWorkers === 1) return summarize(folds.map(mlpFoldAccuracy));
  const results = new Array<MlpFoldResult>(folds.length);
  let nextFold = 0;
  const lane = async (): Promise<void> => {
    while (nextFold < folds.length) {
      const f = nextFold++;
      results[f] = await foldInWorker(folds[f]);
    }
  };
  await Promise.all(Array.from({ length: nWorkers }, lane));
  return summarize(results);
}
