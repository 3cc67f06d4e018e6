// TF.js helpers for the SBI engine: a matmul whose gradient avoids transposed matmuls (slow on the wasm backend).
import * as tf from '@tensorflow/tfjs';

/**
 * `a [n, k] · b [k, m]`. The wasm backend's XNNPACK path only covers non-transposed matmuls: a transposed one
 * (what tf.matMul's gradient uses) measured ~7x slower than an explicit transpose followed by a plain matmul.
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const a = args[0] as tf.Tensor2D;
  const b = args[1] as tf.Tensor2D;
  const save = args[2] as tf.GradSaveFunc;
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1] as tf.Tensor2D)),
      tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D),
    ],
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/** `x · w + b` with the fast matmul. */
export function dense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.add(matMul(x, w), b);
}
