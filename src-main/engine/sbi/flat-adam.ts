// Adam with global-norm gradient clipping over all parameters as one flat vector: the same update as tfjs's
// AdamOptimizer after torch-style clip_grad_norm_, in a few dozen ops per step instead of ~13 per variable.
//
// Why: with batch 200 the training step is bound by tfjs's per-op dispatch, not arithmetic. A MAF has 50 variables;
// per-variable Adam and clipping cost ~650 op dispatches per step, the flat version ~160 (measured 13-20% less time
// per epoch on gaussian_linear). Adam is elementwise, so the flat update is the same update.
import * as tf from '@tensorflow/tfjs';

export interface FlatAdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  /** Added to sqrt(v̂) (torch: 1e-8; tfjs's default is 1e-7). */
  epsilon: number;
  /** Global gradient-norm clip (torch's clip_grad_norm_, which adds 1e-6 to the norm); null for none. */
  clipMaxNorm: number | null;
}

export class FlatAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private step = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly config: FlatAdamConfig,
  ) {
    this.sizes = variables.map((x) => x.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    // tf.variable keeps its initial tensor's data: inside tidy, the zeros tensors themselves are released.
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /** One update from `grads`, one per variable in the constructor's order and shapes. Disposes nothing it was given. */
  apply(grads: readonly tf.Tensor[]): void {
    const { learningRate, beta1, beta2, epsilon, clipMaxNorm } = this.config;
    this.step += 1;
    const t = this.step;
    tf.tidy(() => {
      let g: tf.Tensor = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      if (clipMaxNorm !== null) {
        const norm = tf.sqrt(tf.sum(tf.square(g)));
        g = tf.mul(g, tf.minimum(tf.scalar(1), tf.div(clipMaxNorm, tf.add(norm, 1e-6))));
      }
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.m.assign(m);
      this.v.assign(v);
      // tfjs's and torch's form: θ ← θ − lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).
      const mHat = tf.div(m, 1 - beta1 ** t);
      const vHat = tf.div(v, 1 - beta2 ** t);
      const update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), -learningRate);
      const parts = tf.split(update, this.sizes);
      this.variables.forEach((x, i) => x.assign(tf.add(x, tf.reshape(parts[i], x.shape))));
    });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}
