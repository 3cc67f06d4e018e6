// Classifier two-sample test exactly as sbibm computes it: sklearn's MLPClassifier settings, 5-fold shuffled CV.
import * as tf from '@tensorflow/tfjs';
import { validationError } from '../../../src-shared/contract/envelope';
import { dense } from './tf-ops';
import { columnStats, type Matrix } from './matrix';
import { createRng, permutation, type Rng } from './rng';

export interface C2stOptions {
  /** Seed of the fold split, weight init and shuffling. @default 1 (sbibm's) */
  seed?: number;
  /** Folds of the cross-validation. @default 5 */
  folds?: number;
  /** Epoch cap (sklearn's max_iter). @default 10000 */
  maxEpochs?: number;
}

// sklearn MLPClassifier defaults used by sbibm: Adam(lr 1e-3, β 0.9/0.999, ε 1e-8), batch min(200, n), L2 α 1e-4,
// stop when the training loss has not improved by tol 1e-4 for more than 10 epochs.
const LR = 1e-3;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;
const ALPHA = 1e-4;
const TOL = 1e-4;
const NO_CHANGE = 10;

/**
 * C2ST accuracy between `reference` `[n, d]` and `approx` `[m, d]`: 0.5 when indistinguishable, 1 when separable.
 * Both are z-scored by the reference's mean and std; the classifier is an MLP (ReLU, two hidden layers of 10·d
 * units). The folds train in lockstep inside one gradient call (their parameters are disjoint, so this is the same
 * computation as training them one after the other), which saves per-call overhead.
 */
export function c2st(reference: Matrix, approx: Matrix, options: C2stOptions = {}): number {
  if (reference.cols !== approx.cols) {
    throw validationError('approx', `expected ${reference.cols} columns like the reference, got ${approx.cols}`);
  }
  const seed = options.seed ?? 1;
  const nFolds = options.folds ?? 5;
  const maxEpochs = options.maxEpochs ?? 10_000;
  const rng = createRng(seed);
  const d = reference.cols;
  const hidden = 10 * d;
  const n = reference.rows + approx.rows;
  const { mean, std } = columnStats(reference);
  const X = new Float32Array(n * d);
  const Y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const src = i < reference.rows ? reference : approx;
    const r = i < reference.rows ? i : i - reference.rows;
    for (let j = 0; j < d; j++) X[i * d + j] = (src.data[r * d + j] - mean[j]) / std[j];
    Y[i] = i < reference.rows ? 0 : 1;
  }
  // KFold(shuffle=True): one permutation, then contiguous test folds.
  const order = permutation(n, rng);
  const foldStart = (f: number): number => Math.floor((f * n) / nFolds);
  const testIdx: Int32Array[] = [];
  const trainIdx: Int32Array[] = [];
  for (let f = 0; f < nFolds; f++) {
    testIdx.push(order.slice(foldStart(f), foldStart(f + 1)));
    trainIdx.push(Int32Array.from([...order.slice(0, foldStart(f)), ...order.slice(foldStart(f + 1))]));
  }
  // Folds differ in size by at most one sample; train each on the common length so they batch together.
  const nTrain = Math.min(...trainIdx.map((t) => t.length));
  const batch = Math.min(200, nTrain);

  const xAll = tf.tensor2d(X, [n, d]);
  const yAll = tf.tensor1d(Y);
  const sizes = [d, hidden, hidden, 1];
  // All folds' parameters live in one flat vector, so Adam is a handful of ops per step instead of dozens.
  const shapes: number[][] = [];
  for (let l = 0; l < 3; l++) shapes.push([sizes[l], sizes[l + 1]], [sizes[l + 1]]);
  const perFoldSize = shapes.reduce((acc, s) => acc + s.reduce((a, b) => a * b, 1), 0);
  const init = new Float32Array(nFolds * perFoldSize);
  let offset = 0;
  for (let f = 0; f < nFolds; f++) {
    for (let l = 0; l < 3; l++) {
      // sklearn's Glorot-uniform init with factor 6 (ReLU network), for weights and biases alike.
      const bound = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
      const count = sizes[l] * sizes[l + 1] + sizes[l + 1];
      init.set(uniformArray(count, bound, rng), offset);
      offset += count;
    }
  }
  let flat: tf.Tensor = tf.tensor1d(init);
  let m: tf.Tensor = tf.zerosLike(flat);
  let v: tf.Tensor = tf.zerosLike(flat);
  const active = new Array<boolean>(nFolds).fill(true);
  const best = new Array<number>(nFolds).fill(Infinity);
  const noImprove = new Array<number>(nFolds).fill(0);

  const unpack = (p: tf.Tensor, f: number): tf.Tensor[] => {
    let o = f * perFoldSize;
    return shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const t = tf.slice(p, [o], [size]).reshape(shape);
      o += size;
      return t;
    });
  };
  const logits = (ps: tf.Tensor[], xb: tf.Tensor): tf.Tensor => {
    const h1 = tf.relu(dense(xb, ps[0], ps[1]));
    const h2 = tf.relu(dense(h1, ps[2], ps[3]));
    return dense(h2, ps[4], ps[5]).reshape([-1]);
  };

  let step = 0;
  try {
    for (let epoch = 0; epoch < maxEpochs && active.some(Boolean); epoch++) {
      const live = active.map((a, f) => (a ? f : -1)).filter((f) => f >= 0);
      const epochIdx = live.map((f) => {
        const p = permutation(trainIdx[f].length, rng);
        return Int32Array.from(p, (k) => trainIdx[f][k]);
      });
      // Converged folds keep their parameters: their updates are masked out.
      const maskArr = new Float32Array(nFolds * perFoldSize);
      live.forEach((f) => maskArr.fill(1, f * perFoldSize, (f + 1) * perFoldSize));
      const mask = tf.tensor1d(maskArr);
      let lossSum = tf.zeros([live.length]);
      for (let start = 0; start < nTrain; start += batch) {
        const bs = Math.min(batch, nTrain - start);
        const idx = new Int32Array(live.length * bs);
        live.forEach((_, k) => idx.set(epochIdx[k].subarray(start, start + bs), k * bs));
        step++;
        const out = tf.tidy(() => {
          const idxT = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(xAll, idxT);
          const yb = tf.gather(yAll, idxT);
          const perFold: tf.Tensor[] = [];
          const objective = (p: tf.Tensor): tf.Scalar => {
            const losses = live.map((f, k) => {
              const fp = unpack(p, f);
              const z = logits(fp, tf.slice(xb, [k * bs, 0], [bs, d]));
              const y = tf.slice(yb, [k * bs], [bs]);
              // Binary cross-entropy from logits, stably: softplus(z) - y·z; plus sklearn's L2 term α/2·|W|²/batch.
              const ce = tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z)));
              const l2 = tf.addN([fp[0], fp[2], fp[4]].map((w) => tf.sum(tf.square(w))));
              return tf.add(ce, tf.mul(l2, ALPHA / (2 * bs)));
            });
            const stacked = tf.stack(losses);
            // Kept so it outlives the gradient scope; disposed below once added to the epoch sum.
            perFold.push(tf.keep(stacked));
            // The folds' parameters are disjoint, so the gradient of the sum is each fold's own gradient.
            return tf.sum(stacked);
          };
          const g = tf.grad(objective)(flat);
          // Folds converge at different epochs; all live folds share the step count of this loop (sklearn counts
          // per fold, identical while a fold is live because the folds start together).
          const c1 = 1 - BETA1 ** step;
          const c2 = 1 - BETA2 ** step;
          const newM = tf.add(m, tf.mul(mask, tf.mul(tf.sub(g, m), 1 - BETA1)));
          const newV = tf.add(v, tf.mul(mask, tf.mul(tf.sub(tf.square(g), v), 1 - BETA2)));
          const newP = tf.sub(
            flat,
            tf.mul(mask, tf.div(tf.mul(newM, LR / c1), tf.add(tf.sqrt(tf.div(newV, c2)), EPS))),
          );
          const newSum = tf.add(lossSum, tf.mul(perFold[0], bs));
          perFold[0].dispose();
          return { newM, newV, newP, newSum };
        });
        tf.dispose([flat, m, v, lossSum]);
        flat = out.newP;
        m = out.newM;
        v = out.newV;
        lossSum = out.newSum;
      }
      const losses = lossSum.dataSync();
      tf.dispose([lossSum, mask]);
      live.forEach((f, k) => {
        const loss = losses[k] / nTrain;
        noImprove[f] = loss > best[f] - TOL ? noImprove[f] + 1 : 0;
        if (loss < best[f]) best[f] = loss;
        if (noImprove[f] > NO_CHANGE) active[f] = false;
      });
    }
    let acc = 0;
    for (let f = 0; f < nFolds; f++) {
      const z = tf.tidy(() => logits(unpack(flat, f), tf.gather(xAll, tf.tensor1d(testIdx[f], 'int32'))));
      const zs = z.dataSync();
      z.dispose();
      let correct = 0;
      for (let i = 0; i < testIdx[f].length; i++) if ((zs[i] > 0 ? 1 : 0) === Y[testIdx[f][i]]) correct++;
      acc += correct / testIdx[f].length;
    }
    return acc / nFolds;
  } finally {
    tf.dispose([xAll, yAll, flat, m, v]);
  }
}

function uniformArray(n: number, bound: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}
