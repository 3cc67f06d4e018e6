// The one interface every conditional density estimator q(θ | x) offers, in z-scored coordinates.
import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

export type EstimatorId = 'maf' | 'nsf' | 'mdn';

/** Architecture settings of an estimator; each id reads the fields it needs. */
export interface EstimatorShape {
  dimTheta: number;
  dimX: number;
  /** Hidden units per layer. @default 50 */
  hiddenFeatures: number;
  /** Flow transforms (maf, nsf). @default 5 */
  numTransforms: number;
  /** Hidden blocks per conditioner network. @default 2 */
  numBlocks: number;
  /** Spline bins (nsf). @default 10 */
  numBins: number;
  /** Spline tail bound in z-scored units (nsf). @default 3 */
  tailBound: number;
  /** Mixture components (mdn). @default 10 */
  numComponents: number;
}

/**
 * A conditional density estimator. All tensors are z-scored: `theta [n, dimTheta]`, `x [n, dimX]`.
 * Callers never branch on the id; training only needs `loss` and `variables`.
 */
export interface DensityEstimator {
  readonly id: EstimatorId;
  readonly shape: EstimatorShape;
  /** Trainable parameters, in a fixed order (persistence writes them in this order). */
  readonly variables: tf.Variable[];
  /** log q(θ | x), `[n]`. */
  logProb(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D;
  /** One draw per row of `x`, `[n, dimTheta]`; base noise comes from `rng` so sampling is seeded and portable. */
  sample(x: tf.Tensor2D, rng: Rng): tf.Tensor2D;
  /** Mean negative log-likelihood over the batch (the NPE loss). */
  loss(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar;
  dispose(): void;
}
