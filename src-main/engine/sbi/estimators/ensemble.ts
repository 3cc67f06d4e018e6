// An equal-weight mixture of K density estimators trained with different seeds: q(θ|x) = (1/K) Σ_k q_k(θ|x).
import * as tf from '@tensorflow/tfjs';
import { validationError } from '../../../../src-shared/contract/envelope';
import type { Rng } from '../rng';
import type { DensityEstimator, EstimatorId, EstimatorShape } from './types';

/**
 * Averaging densities (not parameters) of independently trained flows reduces the variance of one training run:
 * each member misses the posterior in its own way, the mixture covers what any of them put mass on. Members share
 * the z-scoring, so the mixture lives in the same coordinates as each member.
 */
export class EnsembleEstimator implements DensityEstimator {
  readonly id: EstimatorId;
  readonly shape: EstimatorShape;
  readonly variables: tf.Variable[];

  constructor(readonly members: DensityEstimator[]) {
    if (members.length < 1) throw validationError('members', 'expected at least one estimator, got 0');
    this.id = members[0].id;
    this.shape = members[0].shape;
    this.variables = members.flatMap((m) => m.variables);
  }

  /** log((1/K) Σ_k q_k(θ|x)), `[n]`, by logsumexp so narrow members do not underflow. */
  logProb(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const each = tf.stack(
        this.members.map((m) => m.logProb(theta, x)),
        1,
      );
      return tf.sub(tf.logSumExp(each, 1), Math.log(this.members.length)) as tf.Tensor1D;
    });
  }

  /** One draw per row of `x`: each row picks a member uniformly at random (from `rng`), then draws from it. */
  sample(x: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const n = x.shape[0];
    const D = this.shape.dimTheta;
    const K = this.members.length;
    const rowsOf: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < n; i++) rowsOf[Math.min(K - 1, Math.floor(rng.uniform() * K))].push(i);
    const out = new Float32Array(n * D);
    rowsOf.forEach((rows, k) => {
      if (rows.length === 0) return;
      const idx = tf.tensor1d(rows, 'int32');
      const xk = tf.gather(x, idx) as tf.Tensor2D;
      const draws = this.members[k].sample(xk, rng);
      const data = draws.dataSync();
      tf.dispose([idx, xk, draws]);
      rows.forEach((r, i) => out.set(data.subarray(i * D, (i + 1) * D), r * D));
    });
    return tf.tensor2d(out, [n, D]);
  }

  loss(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.neg(tf.mean(this.logProb(theta, x))) as tf.Scalar);
  }

  dispose(): void {
    this.members.forEach((m) => m.dispose());
  }
}
