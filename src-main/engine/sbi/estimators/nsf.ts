// Neural spline flow as sbi builds it: 5 × (rational-quadratic coupling with linear tails + LU linear), ResNet conditioners.
import * as tf from '@tensorflow/tfjs';
import { normals, type Rng } from '../rng';
import { matMul } from '../tf-ops';
import { torchLinear, uniform } from './init';
import { rqSpline } from './spline';
import type { DensityEstimator, EstimatorShape } from './types';

const LOG_2PI = Math.log(2 * Math.PI);
/** nflows' LULinear keeps the diagonal of U positive: softplus(raw) + eps. */
const LU_EPS = 1e-3;

interface Linear {
  w: tf.Variable;
  b: tf.Variable;
}

/** nflows' ResidualBlock: x + GLU([W₂ relu(W₁ relu(x)), W_c·context]). */
interface ResBlock {
  l1: Linear;
  l2: Linear;
  context: Linear;
}

interface Coupling {
  /** Selection matrices `[D, F_id]` and `[D, F_tr]`: `θ · S` picks the identity / transformed features. */
  selId: tf.Tensor2D;
  selTr: tf.Tensor2D;
  initial: Linear;
  blocks: ResBlock[];
  final: Linear;
  nTr: number;
}

interface LuLinear {
  lower: tf.Variable;
  upper: tf.Variable;
  rawDiag: tf.Variable;
  bias: tf.Variable;
}

function selection(D: number, cols: number[]): tf.Tensor2D {
  // An empty selection (one parameter: no identity features) is a never-used zero column.
  const width = Math.max(1, cols.length);
  const data = new Float32Array(D * width);
  cols.forEach((c, j) => (data[c * width + j] = 1));
  return tf.tensor2d(data, [D, width]);
}

export class Nsf implements DensityEstimator {
  readonly id = 'nsf' as const;
  readonly variables: tf.Variable[];
  private readonly couplings: Coupling[] = [];
  private readonly lus: LuLinear[] = [];
  private readonly strictLower: tf.Tensor2D;
  private readonly strictUpper: tf.Tensor2D;
  private readonly eye: tf.Tensor2D;

  constructor(
    readonly shape: EstimatorShape,
    rng: Rng,
  ) {
    const { dimTheta: D, dimX, hiddenFeatures: H, numBins: K, numBlocks } = shape;
    for (let t = 0; t < shape.numTransforms; t++) {
      // nflows' alternating mask: even layers transform features 0, 2, 4…, odd layers 1, 3, 5…; with one
      // parameter the spline is conditioned on the context alone (sbi's ContextSplineMap).
      const tr = D === 1 ? [0] : Array.from({ length: D }, (_, i) => i).filter((i) => i % 2 === t % 2);
      const id = D === 1 ? [] : Array.from({ length: D }, (_, i) => i).filter((i) => i % 2 !== t % 2);
      const blocks: ResBlock[] = [];
      const initial = torchLinear(id.length + dimX, H, rng);
      for (let k = 0; k < numBlocks; k++) {
        const l1 = torchLinear(H, H, rng);
        // nflows zero-initialises the last layer of each block to U(-1e-3, 1e-3), so blocks start near identity.
        const wInit = uniform(H * H, 1e-3, rng);
        const bInit = uniform(H, 1e-3, rng);
        // tf.variable copies its initial value: the tidy frees the temporaries (variables survive a tidy).
        const l2 = tf.tidy(() => ({
          w: tf.variable(tf.tensor2d(wInit, [H, H]), true),
          b: tf.variable(tf.tensor1d(bInit), true),
        }));
        blocks.push({ l1, l2, context: torchLinear(dimX, H, rng) });
      }
      this.couplings.push({
        selId: selection(D, id),
        selTr: selection(D, tr),
        initial,
        blocks,
        final: torchLinear(H, tr.length * (3 * K - 1), rng),
        nTr: tr.length,
      });
      // Identity init: L = I (strict lower 0), U's off-diagonal 0, diag softplus⁻¹(1 - eps), bias 0.
      this.lus.push(
        tf.tidy(() => ({
          lower: tf.variable(tf.zeros([D, D]), true),
          upper: tf.variable(tf.zeros([D, D]), true),
          rawDiag: tf.variable(tf.fill([D], Math.log(Math.exp(1 - LU_EPS) - 1)), true),
          bias: tf.variable(tf.zeros([D]), true),
        })),
      );
    }
    const lo = new Float32Array(D * D);
    const up = new Float32Array(D * D);
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) {
        if (i > j) lo[i * D + j] = 1;
        if (i < j) up[i * D + j] = 1;
      }
    this.strictLower = tf.tensor2d(lo, [D, D]);
    this.strictUpper = tf.tensor2d(up, [D, D]);
    this.eye = tf.eye(D) as tf.Tensor2D;
    this.variables = [
      ...this.couplings.flatMap((c) => [
        c.initial.w,
        c.initial.b,
        ...c.blocks.flatMap((b) => [b.l1.w, b.l1.b, b.l2.w, b.l2.b, b.context.w, b.context.b]),
        c.final.w,
        c.final.b,
      ]),
      ...this.lus.flatMap((l) => [l.lower, l.upper, l.rawDiag, l.bias]),
    ];
  }

  /** Spline parameters for coupling `t` from the identity features `[n, F_id]` and the context `[n, dimX]`. */
  private conditioner(t: number, identity: tf.Tensor2D | null, x: tf.Tensor2D) {
    const c = this.couplings[t];
    const { hiddenFeatures: H, numBins: K } = this.shape;
    const input = identity ? tf.concat([identity, x], 1) : x;
    let h: tf.Tensor2D = tf.add(matMul(input, c.initial.w), c.initial.b);
    for (const b of c.blocks) {
      let tmp: tf.Tensor2D = tf.add(matMul(tf.relu(h), b.l1.w), b.l1.b);
      tmp = tf.add(matMul(tf.relu(tmp), b.l2.w), b.l2.b);
      const gate = tf.sigmoid(tf.add(matMul(x, b.context.w), b.context.b));
      h = tf.add(h, tf.mul(tmp, gate));
    }
    const n = x.shape[0];
    const raw = tf.reshape(tf.add(matMul(h, c.final.w), c.final.b), [n, c.nTr, 3 * K - 1]) as tf.Tensor3D;
    // nflows scales the width and height logits by 1/√hidden when the conditioner has hidden features.
    const scale = 1 / Math.sqrt(H);
    return {
      widths: tf.mul(tf.slice(raw, [0, 0, 0], [n, c.nTr, K]), scale) as tf.Tensor3D,
      heights: tf.mul(tf.slice(raw, [0, 0, K], [n, c.nTr, K]), scale) as tf.Tensor3D,
      derivatives: tf.slice(raw, [0, 0, 2 * K], [n, c.nTr, K - 1]) as tf.Tensor3D,
    };
  }

  /** One coupling layer on `u [n, D]`, forward (θ → z) or inverse. */
  private coupling(t: number, u: tf.Tensor2D, x: tf.Tensor2D, inverse: boolean) {
    const c = this.couplings[t];
    const identity = c.nTr === this.shape.dimTheta ? null : matMul(u, c.selId);
    const params = this.conditioner(t, identity, x);
    const { out, logDet } = rqSpline(matMul(u, c.selTr), params, this.shape.tailBound, inverse);
    // Scatter back: u' = identity·S_idᵀ + spline·S_trᵀ.
    const merged = tf.add(
      matMul(out, tf.transpose(c.selTr)),
      identity ? matMul(identity, tf.transpose(c.selId)) : tf.zerosLike(u),
    ) as tf.Tensor2D;
    return { u: merged, logDet };
  }

  /** W = L·U of LU layer `t` and its log|det| = Σ log diag(U). */
  private luMatrix(t: number): { w: tf.Tensor2D; logDet: tf.Scalar } {
    const l = this.lus[t];
    const diag = tf.add(tf.softplus(l.rawDiag), LU_EPS);
    const lower = tf.add(tf.mul(l.lower, this.strictLower), this.eye);
    const upper = tf.add(tf.mul(l.upper, this.strictUpper), tf.mul(this.eye, diag));
    return { w: matMul(lower, upper), logDet: tf.sum(tf.log(diag)) };
  }

  logProb(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const D = this.shape.dimTheta;
      let u = theta;
      let logDet: tf.Tensor = tf.zeros([theta.shape[0]]);
      for (let t = 0; t < this.couplings.length; t++) {
        const c = this.coupling(t, u, x, false);
        logDet = tf.add(logDet, c.logDet);
        // nflows' LULinear: y = u·Wᵀ + b.
        const { w, logDet: luDet } = this.luMatrix(t);
        u = tf.add(matMul(c.u, tf.transpose(w)), this.lus[t].bias);
        logDet = tf.add(logDet, luDet);
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
      for (let t = this.couplings.length - 1; t >= 0; t--) {
        const { w } = this.luMatrix(t);
        // u = (y - b)·W⁻ᵀ; D is small, so the explicit inverse is cheap and exact enough.
        const inv = invert(w.arraySync(), D);
        u = matMul(tf.sub(u, this.lus[t].bias), tf.transpose(tf.tensor2d(inv, [D, D])));
        u = this.coupling(t, u, x, true).u;
      }
      return u;
    });
  }

  loss(theta: tf.Tensor2D, x: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.neg(tf.mean(this.logProb(theta, x))) as tf.Scalar);
  }

  dispose(): void {
    tf.dispose(this.variables);
    tf.dispose([...this.couplings.flatMap((c) => [c.selId, c.selTr]), this.strictLower, this.strictUpper, this.eye]);
  }
}

/** Gauss-Jordan inverse with partial pivoting of a `[D, D]` matrix, row-major. */
function invert(a: number[][], D: number): Float32Array {
  const m = a.map((r, i) => [...r, ...Array.from({ length: D }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < D; col++) {
    let piv = col;
    for (let r = col + 1; r < D; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    [m[col], m[piv]] = [m[piv], m[col]];
    const p = m[col][col];
    for (let j = 0; j < 2 * D; j++) m[col][j] /= p;
    for (let r = 0; r < D; r++) {
      if (r === col) continue;
      const f = m[r][col];
      if (f !== 0) for (let j = 0; j < 2 * D; j++) m[r][j] -= f * m[col][j];
    }
  }
  const out = new Float32Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) out[i * D + j] = m[i][D + j];
  return out;
}
