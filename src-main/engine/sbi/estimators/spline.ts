// Rational-quadratic spline with linear tails (Durkan et al. 2019, nflows' unconstrained_rational_quadratic_spline).
import * as tf from '@tensorflow/tfjs';

// nflows' defaults: bins never narrower/lower than 1e-3 of the interval, derivatives at least 1e-3.
const MIN_BIN_WIDTH = 1e-3;
const MIN_BIN_HEIGHT = 1e-3;
const MIN_DERIVATIVE = 1e-3;
/** softplus⁻¹(1 - MIN_DERIVATIVE): boundary derivatives of exactly 1, so the linear tails join smoothly. */
const BOUNDARY_DERIVATIVE = Math.log(Math.exp(1 - MIN_DERIVATIVE) - 1);

export interface SplineParams {
  /** Unnormalised bin widths `[n, F, K]`. */
  widths: tf.Tensor3D;
  /** Unnormalised bin heights `[n, F, K]`. */
  heights: tf.Tensor3D;
  /** Unconstrained interior knot derivatives `[n, F, K - 1]`. */
  derivatives: tf.Tensor3D;
}

/** Knot positions `[n, F, K + 1]` from unnormalised sizes: softmax, floored at `minSize`, scaled to [-B, B]. */
function knots(unnormalised: tf.Tensor3D, minSize: number, bound: number): tf.Tensor3D {
  const K = unnormalised.shape[2];
  const sizes = tf.add(minSize, tf.mul(1 - minSize * K, tf.softmax(unnormalised)));
  const cum = tf.cumsum(sizes, 2);
  const [n, F] = unnormalised.shape;
  const padded = tf.concat([tf.zeros([n, F, 1]), cum], 2);
  // Pin the last knot at exactly +B (the cumulative sum may miss 1 by rounding).
  const scaled = tf.sub(tf.mul(padded, 2 * bound), bound);
  const last = tf.concat([tf.zeros([n, F, K]), tf.ones([n, F, 1])], 2);
  return tf.add(tf.mul(scaled, tf.sub(1, last)), tf.mul(last, bound)) as tf.Tensor3D;
}

/**
 * One-hot bin index `[n, F, K]` of `v [n, F]` among `knots [n, F, K + 1]` (searchsorted), built from comparisons so
 * that selecting with it needs no gather (no gather gradient on wasm).
 */
const binOneHot = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const v = args[0] as tf.Tensor2D;
  const knotPos = args[1] as tf.Tensor3D;
  // Piecewise constant: zero gradient (comparisons have no gradient kernels in TF.js).
  return {
    value: oneHotValue(v, knotPos),
    gradFunc: () => [tf.zerosLike(v), tf.zerosLike(knotPos)],
  };
}) as (v: tf.Tensor2D, knotPos: tf.Tensor3D) => tf.Tensor3D;

/** 1 where `v` lies in [-bound, bound], else 0, with a zero gradient. */
const insideMask = (v: tf.Tensor2D, bound: number): tf.Tensor2D =>
  (
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const u = args[0] as tf.Tensor2D;
      return {
        value: tf.cast(tf.logicalAnd(tf.greaterEqual(u, -bound), tf.lessEqual(u, bound)), 'float32'),
        gradFunc: () => [tf.zerosLike(u)],
      };
    }) as (u: tf.Tensor2D) => tf.Tensor2D
  )(v);

function oneHotValue(v: tf.Tensor2D, knotPos: tf.Tensor3D): tf.Tensor3D {
  const K = knotPos.shape[2] - 1;
  const ve = tf.expandDims(v, 2);
  // Left knots except the first count as -∞ and right knots except the last as +∞, so edge values land in a bin.
  const left = tf.slice(knotPos, [0, 0, 1], [-1, -1, K - 1]);
  const geLeft = tf.concat(
    [tf.onesLike(tf.slice(knotPos, [0, 0, 0], [-1, -1, 1])), tf.cast(tf.greaterEqual(ve, left), 'float32')],
    2,
  );
  const ltRight = tf.concat(
    [tf.cast(tf.less(ve, left), 'float32'), tf.onesLike(tf.slice(knotPos, [0, 0, 0], [-1, -1, 1]))],
    2,
  );
  return tf.mul(geLeft, ltRight) as tf.Tensor3D;
}

const pick = (oneHot: tf.Tensor3D, values: tf.Tensor3D): tf.Tensor2D => tf.sum(tf.mul(oneHot, values), 2);

/**
 * Applies the spline to `v [n, F]` (forward, θ → z) or its inverse. Values outside [-B, B] pass through (linear
 * tails, log-det 0). Returns the transformed values and log|det| per row `[n]` (summed over the F features).
 */
export function rqSpline(
  v: tf.Tensor2D,
  params: SplineParams,
  bound: number,
  inverse: boolean,
): { out: tf.Tensor2D; logDet: tf.Tensor1D } {
  const [n, F, K] = params.widths.shape;
  const inside = insideMask(v, bound);
  // Clamp so the spline's arithmetic stays finite for outside values (their result is replaced below).
  const vc = tf.clipByValue(v, -bound, bound);
  const cw = knots(params.widths, MIN_BIN_WIDTH, bound);
  const ch = knots(params.heights, MIN_BIN_HEIGHT, bound);
  const w = tf.sub(tf.slice(cw, [0, 0, 1], [n, F, K]), tf.slice(cw, [0, 0, 0], [n, F, K])) as tf.Tensor3D;
  const h = tf.sub(tf.slice(ch, [0, 0, 1], [n, F, K]), tf.slice(ch, [0, 0, 0], [n, F, K])) as tf.Tensor3D;
  const edge = tf.fill([n, F, 1], BOUNDARY_DERIVATIVE);
  const d = tf.add(MIN_DERIVATIVE, tf.softplus(tf.concat([edge, params.derivatives, edge], 2))) as tf.Tensor3D;
  const oneHot = binOneHot(vc, inverse ? ch : cw);
  const xk = pick(oneHot, tf.slice(cw, [0, 0, 0], [n, F, K]) as tf.Tensor3D);
  const yk = pick(oneHot, tf.slice(ch, [0, 0, 0], [n, F, K]) as tf.Tensor3D);
  const wk = pick(oneHot, w);
  const hk = pick(oneHot, h);
  const d0 = pick(oneHot, tf.slice(d, [0, 0, 0], [n, F, K]) as tf.Tensor3D);
  const d1 = pick(oneHot, tf.slice(d, [0, 0, 1], [n, F, K]) as tf.Tensor3D);
  const delta = tf.div(hk, wk);
  const sumD = tf.sub(tf.add(d0, d1), tf.mul(2, delta));
  let theta: tf.Tensor2D;
  let out: tf.Tensor2D;
  if (!inverse) {
    theta = tf.div(tf.sub(vc, xk), wk);
    const t1 = tf.mul(theta, tf.sub(1, theta));
    const num = tf.mul(hk, tf.add(tf.mul(delta, tf.square(theta)), tf.mul(d0, t1)));
    out = tf.add(yk, tf.div(num, tf.add(delta, tf.mul(sumD, t1))));
  } else {
    // Solve the quadratic a·θ² + b·θ + c = 0 in its numerically stable form (nflows).
    const dy = tf.sub(vc, yk);
    const a = tf.add(tf.mul(dy, sumD), tf.mul(hk, tf.sub(delta, d0)));
    const b = tf.sub(tf.mul(hk, d0), tf.mul(dy, sumD));
    const c = tf.mul(tf.neg(delta), dy);
    const disc = tf.relu(tf.sub(tf.square(b), tf.mul(4, tf.mul(a, c))));
    theta = tf.div(tf.mul(2, c), tf.sub(tf.neg(b), tf.sqrt(disc)));
    out = tf.add(tf.mul(theta, wk), xk);
  }
  const t1 = tf.mul(theta, tf.sub(1, theta));
  const denom = tf.add(delta, tf.mul(sumD, t1));
  const derivNum = tf.mul(
    tf.square(delta),
    tf.add(tf.add(tf.mul(d1, tf.square(theta)), tf.mul(tf.mul(2, delta), t1)), tf.mul(d0, tf.square(tf.sub(1, theta)))),
  );
  const logDetIn = tf.sub(tf.log(derivNum), tf.mul(2, tf.log(denom)));
  const signed = inverse ? tf.neg(logDetIn) : logDetIn;
  const outside = tf.sub(1, inside);
  return {
    out: tf.add(tf.mul(out, inside), tf.mul(v, outside)) as tf.Tensor2D,
    logDet: tf.sum(tf.mul(signed, inside), 1) as tf.Tensor1D,
  };
}
