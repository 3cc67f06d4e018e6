// Masked autoregressive flow (sbi's default: 5 affine MADE transforms, 50 hidden units, 2 blocks, tanh, permutations).
import * as tf from '@tensorflow/tfjs';
import { normals, permutation, type Rng } from '../rng';
import { matMul } from '../tf-ops';
import { torchLinear } from './init';
import type { DensityEstimator, EstimatorShape } from './types';

const LOG_2PI = Math.log(2 * Math.PI);
// nflows' affine MADE keeps the scale positive with softplus and away from 0 by this epsilon.
const SCALE_EPS = 1e-3;

interface MadeLayer {
  w: tf.Variable;
  b: tf.Variable;
  mask: tf.Tensor2D;
}

interface Made {
  layers: MadeLayer[];
  context: { w: tf.Variable; b: tf.Variable };
}

/** MADE masks with nflows' sequential (non-random) degrees: `mask[in, out]` is 1 where `out` may see `in`. */
function maskOf(inDeg: number[], outDeg: number[], strict: boolean): tf.Tensor2D {
  const data = new Float32Array(inDeg.length * outDeg.length);
  inDeg.forEach((di, i) =>
    outDeg.forEach((dout, o) => (data[i * outDeg.length + o] = (strict ? dout > di : dout >= di) ? 1 : 0)),
  );
  return tf.tensor2d(data, [inDeg.length, outDeg.length]);
}

function buildMade(shape: EstimatorShape, rng: Rng): Made {
  const D = shape.dimTheta;
  const H = shape.hiddenFeatures;
  const inDeg = Array.from({ length: D }, (_, i) => i + 1);
  const maxDeg = Math.max(1, D - 1);
  const minDeg = Math.min(1, D - 1);
  const hidDeg = Array.from({ length: H }, (_, i) => (i % maxDeg) + minDeg);
  // Output columns: [unconstrained scale 1..D, shift 1..D]; feature j may only see features before it.
  const outDeg = [...inDeg, ...inDeg];
  const layers: MadeLayer[] = [];
  const first = torchLinear(D, H, rng);
  layers.push({ ...first, mask: maskOf(inDeg, hidDeg, false) });
  for (let k = 0; k < shape.numBlocks; k++)
    layers.push({ ...torchLinear(H, H, rng), mask: maskOf(hidDeg, hidDeg, false) });
  layers.push({ ...torchLinear(H, 2 * D, rng), mask: maskOf(hidDeg, outDeg, true) });
  return { layers, context: torchLinear(shape.dimX, H, rng) };
}

export class Maf implements DensityEstimator {
  readonly id = 'maf' as const;
  readonly variables: tf.Variable[];
  private readonly mades: Made[];
  /** Permutation matrices `[D, D]`: `u · P` reorders columns. Gather has no gradient kernel on wasm. */
  private readonly perms: tf.Tensor2D[];
  private readonly invPerms: tf.Tensor2D[];

  constructor(
    readonly shape: EstimatorShape,
    rng: Rng,
  ) {
    this.mades = [];
    this.perms = [];
    this.invPerms = [];
    for (let t = 0; t < shape.numTransforms; t++) {
      this.mades.push(buildMade(shape, rng));
      const D = shape.dimTheta;
      const p = permutation(D, rng);
      const fwd = new Float32Array(D * D);
      const inv = new Float32Array(D * D);
      p.forEach((src, j) => {
        fwd[src * D + j] = 1;
        inv[j * D + src] = 1;
      });
      this.perms.push(tf.tensor2d(fwd, [D, D]));
      this.invPerms.push(tf.tensor2d(inv, [D, D]));
    }
    this.variables = this.mades.flatMap((m) => [...m.layers.flatMap((l) => [l.w, l.b]), m.context.w, m.context.b]);
  }

  /** MADE outputs `[n, 2D]` for transform `t`. */
  private made(t: number, u: tf.Tensor2D, x: tf.Tensor2D): { scale: tf.Tensor2D; shift: tf.Tensor2D } {
    const D = this.shape.dimTheta;
    const m = this.mades[t];
    const [first, ...rest] = m.layers;
    // nflows' MADE: masked input layer plus a context layer, no activation, then (masked linear, tanh) blocks.
    let h: tf.Tensor2D = tf.add(
      tf.add(matMul(u, tf.mul(first.w, first.mask)), first.b),
      tf.add(matMul(x, m.context.w), m.context.b),
    );
    rest.forEach((layer, k) => {
      const z = tf.add(matMul(h, tf.mul(layer.w, layer.mask)), layer.b) as tf.Tensor2D;
      h = k < rest.length - 1 ? tf.tanh(z) : z;
    });
    const [rawScale, shift] = tf.split(h, [D, D], 1) as [tf.Tensor2D, tf.Tensor2D];
    return { scale: tf.add(tf.softplus(rawScale), SCALE_EPS), shift };
  }

  logProb(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const D = this.shape.dimTheta;
      let u = theta;
      let logDet: tf.Tensor1D = tf.zeros([theta.shape[0]]);
      for (let t = 0; t < this.mades.length; t++) {
        const { scale, shift } = this.made(t, u, x);
        u = tf.add(tf.mul(u, scale), shift);
        logDet = tf.add(logDet, tf.sum(tf.log(scale), 1));
        u = matMul(u, this.perms[t]);
      }
      const base = tf.sub(tf.mul(tf.sum(tf.square(u), 1), -0.5), (D / 2) * LOG_2PI);
      return tf.add(base, logDet) as tf.Tensor1D;
    });
  }

  sample(x: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const n = x.shape[0];
    const D = this.shape.dimTheta;
    const noise = normals(n * D, rng);
    return tf.tidy(() => {
      let u: tf.Tensor2D = tf.tensor2d(noise, [n, D]);
      for (let t = this.mades.length - 1; t >= 0; t--) {
        u = matMul(u, this.invPerms[t]);
        // Inverting an autoregressive transform takes D passes: pass k fixes feature k.
        let y: tf.Tensor2D = tf.zeros([n, D]);
        for (let k = 0; k < D; k++) {
          const { scale, shift } = this.made(t, y, x);
          y = tf.div(tf.sub(u, shift), scale);
        }
        u = y;
      }
      return u;
    });
  }

  loss(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.neg(tf.mean(this.logProb(theta, x))) as tf.Scalar);
  }

  dispose(): void {
    tf.dispose(this.variables);
    tf.dispose([...this.mades.flatMap((m) => m.layers.map((l) => l.mask)), ...this.perms, ...this.invPerms]);
  }
}
