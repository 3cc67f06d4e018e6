// NPE training: one validated config with sbi's defaults, and the loop (Adam, clipping, early stopping, seeded).
import * as tf from '@tensorflow/tfjs';
import { FlatAdam } from './flat-adam';
import { z } from 'zod';
import { LodynError, validationError } from '../../../src-shared/contract/envelope';
import { parseOrThrow } from '../../../src-shared/contract/validate';
import { buildEstimator, type DensityEstimator, type EstimatorShape } from './estimators';
import { EnsembleEstimator } from './estimators/ensemble';
import { columnStats, type Matrix } from './matrix';
import { createRng, permutation } from './rng';

export const trainingConfigSchema = z.object({
  estimator: z.enum(['maf', 'nsf', 'mdn']).default('maf'),
  hiddenFeatures: z.number().int().min(1).max(4096).default(50),
  numTransforms: z.number().int().min(1).max(64).default(5),
  numBlocks: z.number().int().min(1).max(16).default(2),
  numBins: z.number().int().min(2).max(128).default(10),
  tailBound: z.number().positive().default(3),
  numComponents: z.number().int().min(1).max(256).default(10),
  learningRate: z.number().positive().max(1).default(5e-4),
  batchSize: z.number().int().min(1).default(200),
  validationFraction: z.number().gt(0).lt(1).default(0.1),
  stopAfterEpochs: z.number().int().min(1).default(20),
  clipMaxNorm: z.number().positive().nullable().default(5),
  maxEpochs: z
    .number()
    .int()
    .min(1)
    .default(2 ** 31 - 1),
  seed: z.number().int().min(0).default(0),
  /**
   * 'logit': box-prior parameters are mapped to the real line (logit of their position in the box) before
   * z-scoring, so the flow never puts mass outside the prior and sharp prior edges become smooth tails (sbi's
   * transform to unconstrained space). No effect with a Gaussian prior.
   */
  transformTheta: z.enum(['none', 'logit']).default('none'),
  /** Flows trained with seeds seed, seed+1, …, used as an equal-weight mixture (1: a single flow). */
  ensemble: z.number().int().min(1).max(16).default(1),
});

/** Training settings; defaults are sbi's (batch 200, lr 5e-4, validation 0.1, stop after 20, clip 5). */
export type TrainingConfig = z.output<typeof trainingConfigSchema>;
export type TrainingConfigInput = z.input<typeof trainingConfigSchema>;

/** Validates and completes a training config; errors name the field (`config.learningRate`). */
export function trainingConfig(input: unknown = {}): TrainingConfig {
  return parseOrThrow(trainingConfigSchema, input ?? {}, 'config');
}

export interface ZScore {
  mean: number[];
  std: number[];
}

export interface EpochProgress {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  bestEpoch: number;
  bestValLoss: number;
  epochSeconds: number;
  /** Which ensemble member this epoch belongs to (0-based); absent for a single flow. */
  member?: number;
}

export interface TrainOptions {
  onEpoch?: (progress: EpochProgress) => void;
  signal?: AbortSignal;
}

export interface TrainedEstimator {
  estimator: DensityEstimator;
  config: TrainingConfig;
  zTheta: ZScore;
  zX: ZScore;
  curve: EpochProgress[];
  epochs: number;
  bestEpoch: number;
  stoppedBy: 'converged' | 'maxEpochs';
  trainSeconds: number;
}

export function shapeOf(config: TrainingConfig, dimTheta: number, dimX: number): EstimatorShape {
  return {
    dimTheta,
    dimX,
    hiddenFeatures: config.hiddenFeatures,
    numTransforms: config.numTransforms,
    numBlocks: config.numBlocks,
    numBins: config.numBins,
    tailBound: config.tailBound,
    numComponents: config.numComponents,
  };
}

/**
 * Builds the (untrained) estimator a config describes: one flow from `createRng(seed)`, or for `ensemble: K` the
 * members from `createRng(seed + k)`, exactly as training builds them, so saved weights load in the same order.
 */
export function buildConfiguredEstimator(config: TrainingConfig, dimTheta: number, dimX: number): DensityEstimator {
  const shape = shapeOf(config, dimTheta, dimX);
  if (config.ensemble === 1) return buildEstimator(config.estimator, shape, createRng(config.seed));
  return new EnsembleEstimator(
    Array.from({ length: config.ensemble }, (_, k) =>
      buildEstimator(config.estimator, shape, createRng(config.seed + k)),
    ),
  );
}

/** `(m - mean) / std` per column, as a tensor `[rows, cols]`. */
export function zScoreTensor(m: Matrix, z: ZScore): tf.Tensor2D {
  const out = new Float32Array(m.data.length);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) out[i * m.cols + j] = (m.data[i * m.cols + j] - z.mean[j]) / z.std[j];
  return tf.tensor2d(out, [m.rows, m.cols]);
}

/**
 * Trains q(θ | x) as `trainSingle` does; with `ensemble: K` trains K flows one after the other (seeds seed..seed+K-1,
 * each with its own split, shuffling and early stopping) and returns their equal-weight mixture. The curve holds
 * every member's epochs (tagged `member`); `epochs` and `trainSeconds` are totals, `bestEpoch` is member 0's.
 */
export async function trainEstimator(
  theta: Matrix,
  x: Matrix,
  configInput: TrainingConfigInput | TrainingConfig = {},
  options: TrainOptions = {},
): Promise<TrainedEstimator> {
  const config = trainingConfig(configInput);
  if (config.ensemble === 1) return trainSingle(theta, x, config, options);
  const members: TrainedEstimator[] = [];
  try {
    for (let k = 0; k < config.ensemble; k++) {
      const onEpoch = options.onEpoch;
      members.push(
        await trainSingle(
          theta,
          x,
          { ...config, ensemble: 1, seed: config.seed + k },
          { ...options, onEpoch: onEpoch ? (p) => onEpoch({ ...p, member: k }) : undefined },
        ),
      );
    }
  } catch (err) {
    members.forEach((m) => m.estimator.dispose());
    throw err;
  }
  return {
    estimator: new EnsembleEstimator(members.map((m) => m.estimator)),
    config,
    zTheta: members[0].zTheta,
    zX: members[0].zX,
    curve: members.flatMap((m, k) => m.curve.map((p) => ({ ...p, member: k }))),
    epochs: members.reduce((a, m) => a + m.epochs, 0),
    bestEpoch: members[0].bestEpoch,
    stoppedBy: members.every((m) => m.stoppedBy === 'converged') ? 'converged' : 'maxEpochs',
    trainSeconds: members.reduce((a, m) => a + m.trainSeconds, 0),
  };
}

/**
 * Trains a density estimator q(θ | x) on `theta [n, dimTheta]` and `x [n, dimX]` (finite values only). Seeded:
 * the estimator's init, the train/validation split and the batch shuffling all come from `config.seed`. The loss
 * is read back once per epoch (a per-batch sync would stall the backend). The best-validation weights are kept.
 */
async function trainSingle(
  theta: Matrix,
  x: Matrix,
  config: TrainingConfig,
  options: TrainOptions,
): Promise<TrainedEstimator> {
  if (theta.rows !== x.rows) throw validationError('x', `expected ${theta.rows} rows like theta, got ${x.rows}`);
  const n = theta.rows;
  const nVal = Math.max(1, Math.floor(config.validationFraction * n));
  const nTrain = n - nVal;
  if (nTrain < 1) throw validationError('theta', `need at least 2 simulations, got ${n}`);
  for (const [name, m] of [
    ['theta', theta],
    ['x', x],
  ] as const) {
    const bad = m.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw validationError(
        name,
        `row ${Math.floor(bad / m.cols)} holds a non-finite value; filter invalid runs first`,
      );
  }
  const started = performance.now();
  const rng = createRng(config.seed);
  const estimator = buildEstimator(config.estimator, shapeOf(config, theta.cols, x.cols), rng);
  const zTheta = columnStats(theta);
  const zX = columnStats(x);
  const order = permutation(n, rng);
  const thetaAll = zScoreTensor(theta, zTheta);
  const xAll = zScoreTensor(x, zX);
  const trainIdx = order.slice(0, nTrain);
  const valIdx = tf.tensor1d(order.slice(nTrain), 'int32');
  const thetaVal = tf.gather(thetaAll, valIdx);
  const xVal = tf.gather(xAll, valIdx);
  // Adam with torch's epsilon (tfjs defaults to 1e-7) and clip_grad_norm_, over all variables as one flat vector.
  const optimizer = new FlatAdam(estimator.variables, {
    learningRate: config.learningRate,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    clipMaxNorm: config.clipMaxNorm,
  });
  let best: tf.Tensor[] | null = null;
  let bestVal = Infinity;
  let bestEpoch = 0;
  const curve: EpochProgress[] = [];
  let stoppedBy: TrainedEstimator['stoppedBy'] = 'maxEpochs';
  try {
    for (let epoch = 0; epoch < config.maxEpochs; epoch++) {
      if (options.signal?.aborted) throw new LodynError('Cancelled', 'training was cancelled');
      const t0 = performance.now();
      const p = permutation(nTrain, rng);
      let lossSum: tf.Tensor = tf.scalar(0);
      for (let start = 0; start < nTrain; start += config.batchSize) {
        const bs = Math.min(config.batchSize, nTrain - start);
        const idx = new Int32Array(bs);
        for (let i = 0; i < bs; i++) idx[i] = trainIdx[p[start + i]];
        const next = tf.tidy(() => {
          const idxT = tf.tensor1d(idx, 'int32');
          const tb = tf.gather(thetaAll, idxT) as tf.Tensor2D;
          const xb = tf.gather(xAll, idxT) as tf.Tensor2D;
          const { value, grads } = tf.variableGrads(() => estimator.loss(tb, xb), estimator.variables);
          optimizer.apply(estimator.variables.map((v) => grads[v.name]));
          return tf.add(lossSum, tf.mul(value, bs));
        });
        lossSum.dispose();
        lossSum = next;
      }
      const trainLoss = (await lossSum.data())[0] / nTrain;
      lossSum.dispose();
      const valLoss = validationLoss(estimator, thetaVal as tf.Tensor2D, xVal as tf.Tensor2D);
      if (epoch === 0 || valLoss < bestVal) {
        bestVal = valLoss;
        bestEpoch = epoch;
        if (best) tf.dispose(best);
        best = estimator.variables.map((v) => tf.clone(v));
      }
      const progress: EpochProgress = {
        epoch,
        trainLoss,
        valLoss,
        bestEpoch,
        bestValLoss: bestVal,
        epochSeconds: (performance.now() - t0) / 1000,
      };
      curve.push(progress);
      options.onEpoch?.(progress);
      // Let a worker's message loop run (cancel requests) between epochs.
      await new Promise((resolve) => setImmediate(resolve));
      if (epoch - bestEpoch >= config.stopAfterEpochs) {
        stoppedBy = 'converged';
        break;
      }
    }
    if (best) estimator.variables.forEach((v, i) => v.assign(best![i]));
  } catch (err) {
    estimator.dispose();
    throw err;
  } finally {
    if (best) tf.dispose(best);
    optimizer.dispose();
    tf.dispose([thetaAll, xAll, valIdx, thetaVal, xVal]);
  }
  return {
    estimator,
    config,
    zTheta,
    zX,
    curve,
    epochs: curve.length,
    bestEpoch,
    stoppedBy,
    trainSeconds: (performance.now() - started) / 1000,
  };
}

/** Mean validation loss, in chunks so a large validation set does not allocate one huge graph. */
function validationLoss(estimator: DensityEstimator, theta: tf.Tensor2D, x: tf.Tensor2D): number {
  const n = theta.shape[0];
  const chunk = 5000;
  const total = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let s = 0; s < n; s += chunk) {
      const size = Math.min(chunk, n - s);
      parts.push(tf.sum(estimator.logProb(tf.slice(theta, [s, 0], [size, -1]), tf.slice(x, [s, 0], [size, -1]))));
    }
    return tf.addN(parts);
  });
  const v = -total.dataSync()[0] / n;
  total.dispose();
  return v;
}
