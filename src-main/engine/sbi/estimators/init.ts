// Seeded weight initialisers matching PyTorch's nn.Linear defaults, so training starts where sbi's would.
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

/** U(-1/√fanIn, 1/√fanIn), torch's default for nn.Linear weights and biases (kaiming_uniform with a = √5). */
export function torchLinear(fanIn: number, fanOut: number, rng: Rng): { w: tf.Variable; b: tf.Variable } {
  const bound = 1 / Math.sqrt(fanIn);
  // Unnamed: TF.js names must be unique per process, and several estimators may coexist.
  // tf.variable copies its initial value: the tidy frees the temporaries (variables survive a tidy).
  const wInit = uniform(fanIn * fanOut, bound, rng);
  const bInit = uniform(fanOut, bound, rng);
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor2d(wInit, [fanIn, fanOut]), true),
    b: tf.variable(tf.tensor1d(bInit), true),
  }));
}

export function uniform(n: number, bound: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}
