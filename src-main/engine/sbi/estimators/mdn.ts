// Mixture density network: x -> a mixture of full-covariance Gaussians over θ (sbi's mdn: 10 components, 50 units).
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { dense } from '../tf-ops';
import { torchLinear } from './init';
import type { DensityEstimator, EstimatorShape } from './types';

const LOG_2PI = Math.log(2 * Math.PI);

export class Mdn implements DensityEstimator {
  readonly id = 'mdn' as const;
  readonly variables: tf.Variable[];
  private readonly hidden: { w: tf.Variable; b: tf.Variable }[];
  private readonly head: { w: tf.Variable; b: tf.Variable };
  /** Strictly upper-triangular mask `[D, D]` for the off-diagonal precision factors. */
  private readonly upper: tf.Tensor2D;
  private readonly eye: tf.Tensor2D;

  constructor(
    readonly shape: EstimatorShape,
    rng: Rng,
  ) {
    const { dimX, dimTheta: D, hiddenFeatures: H, numComponents: K } = shape;
    this.hidden = [torchLinear(dimX, H, rng), torchLinear(H, H, rng)];
    // Per component: 1 logit, D means, D·D precision-factor entries (diagonal through exp, upper through identity).
    this.head = torchLinear(H, K * (1 + D + D * D), rng);
    const up = new Float32Array(D * D);
    for (let i = 0; i < D; i++) for (let j = i + 1; j < D; j++) up[i * D + j] = 1;
    this.upper = tf.tensor2d(up, [D, D]);
    this.eye = tf.eye(D) as tf.Tensor2D;
    this.variables = [...this.hidden.flatMap((l) => [l.w, l.b]), this.head.w, this.head.b];
  }

  /** Mixture parameters: log weights `[n, K]`, means `[n, K, D]`, precision factors U `[n, K, D, D]`, log|diag U| sum `[n, K]`. */
  private params(x: tf.Tensor2D): { logW: tf.Tensor; mu: tf.Tensor; U: tf.Tensor; logDiag: tf.Tensor } {
    const { dimTheta: D, numComponents: K } = this.shape;
    const n = x.shape[0];
    let h: tf.Tensor2D = x;
    for (const l of this.hidden) h = tf.tanh(dense(h, l.w, l.b));
    const out = dense(h, this.head.w, this.head.b);
    const [logits, mu, raw] = tf.split(out, [K, K * D, K * D * D], 1);
    const rawU = raw.reshape([n, K, D, D]);
    const diag = tf.sum(tf.mul(rawU, this.eye), 3);
    const U = tf.add(tf.mul(rawU, this.upper), tf.mul(tf.expandDims(tf.exp(diag), 3), this.eye));
    return { logW: tf.logSoftmax(logits), mu: mu.reshape([n, K, D]), U, logDiag: tf.sum(diag, 2) };
  }

  logProb(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const D = this.shape.dimTheta;
      const { logW, mu, U, logDiag } = this.params(x);
      const diff = tf.sub(tf.expandDims(theta, 1), mu); // [n, K, D]
      // (U·diff)_i = Σ_j U_ij diff_j, as a broadcast product: batched matmuls are slow on the wasm backend.
      const ud = tf.sum(tf.mul(U, tf.expandDims(diff, 2)), 3);
      const logN = tf.sub(tf.add(tf.mul(tf.sum(tf.square(ud), 2), -0.5), logDiag), (D / 2) * LOG_2PI);
      return tf.logSumExp(tf.add(logW, logN), 1) as tf.Tensor1D;
    });
  }

  sample(x: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const { dimTheta: D, numComponents: K } = this.shape;
    const n = x.shape[0];
    const [logW, mu, U] = tf.tidy(() => {
      const p = this.params(x);
      return [p.logW, p.mu, p.U];
    });
    const w = logW.dataSync();
    const m = mu.dataSync();
    const u = U.dataSync();
    tf.dispose([logW, mu, U]);
    const out = new Float32Array(n * D);
    const z = new Float64Array(D);
    for (let i = 0; i < n; i++) {
      let r = rng.uniform();
      let k = 0;
      for (; k < K - 1; k++) {
        r -= Math.exp(w[i * K + k]);
        if (r < 0) break;
      }
      for (let j = 0; j < D; j++) z[j] = rng.normal();
      // θ = μ + U⁻¹ z (U is the upper-triangular precision factor): back substitution.
      const base = (i * K + k) * D * D;
      for (let a = D - 1; a >= 0; a--) {
        let s = z[a];
        for (let b = a + 1; b < D; b++) s -= u[base + a * D + b] * z[b];
        z[a] = s / u[base + a * D + a];
      }
      for (let j = 0; j < D; j++) out[i * D + j] = m[(i * K + k) * D + j] + z[j];
    }
    return tf.tensor2d(out, [n, D]);
  }

  loss(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.neg(tf.mean(this.logProb(theta, x))) as tf.Scalar);
  }

  dispose(): void {
    tf.dispose([...this.variables, this.upper, this.eye]);
  }
}
