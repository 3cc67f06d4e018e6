// Rational-quadratic spline: inverse undoes forward, log|det| matches a finite-difference derivative, tails are identity.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { rqSpline } from '../../../../../src-main/engine/sbi/estimators/spline';
import { createRng } from '../../../../../src-main/engine/sbi/rng';

beforeAll(async () => {
  await selectTfBackend();
});

describe('rqSpline', () => {
  it('inverts, has the numerical log-derivative, and is the identity outside the tail bound', () => {
    const rng = createRng(3);
    const n = 400;
    const F = 2;
    const K = 10;
    const B = 3;
    const rand = (len: number, s: number) => Float32Array.from({ length: len }, () => s * rng.normal());
    // Moderate random splines: very steep bins make the float32 inverse ill-conditioned (error ≈ ε / slope).
    const w = rand(n * F * K, 0.7);
    const h = rand(n * F * K, 0.7);
    const d = rand(n * F * (K - 1), 0.5);
    // Inputs span the inside and both tails.
    const v = Float32Array.from({ length: n * F }, () => 8 * rng.uniform() - 4);
    const before = tf.memory().numTensors;
    const result = tf.tidy(() => {
      const params = {
        widths: tf.tensor3d(w, [n, F, K]),
        heights: tf.tensor3d(h, [n, F, K]),
        derivatives: tf.tensor3d(d, [n, F, K - 1]),
      };
      const x = tf.tensor2d(v, [n, F]);
      const eps = 3e-3;
      // One feature moved at a time so the finite difference isolates its own derivative.
      const dx = tf.tensor2d(
        Float32Array.from({ length: n * F }, (_, i) => (i % F === 0 ? eps : 0)),
        [n, F],
      );
      const fwd = rqSpline(x, params, B, false);
      const back = rqSpline(fwd.out, params, B, true);
      const plus = rqSpline(tf.add(x, dx), params, B, false).out;
      const minus = rqSpline(tf.sub(x, dx), params, B, false).out;
      const slope = tf.div(tf.sub(plus, minus), 2 * eps);
      const perFeature = tf.stack(
        Array.from(
          { length: F },
          (_, j) => rqSpline(tf.slice(x, [0, j], [n, 1]), sliceParams(params, j), B, false).logDet,
        ),
        1,
      );
      return {
        out: fwd.out.arraySync(),
        logDet: fwd.logDet.arraySync(),
        back: back.out.arraySync(),
        backLogDet: back.logDet.arraySync(),
        slope: (slope as tf.Tensor2D).arraySync(),
        perFeature: (perFeature as tf.Tensor2D).arraySync(),
      };
    });
    expect(tf.memory().numTensors).toBe(before);
    let checked = 0;
    for (let i = 0; i < n; i++) {
      // Float32: steep random splines reach |log det| ~ 10, so compare relatively.
      const tol = 1e-3 * Math.max(1, Math.abs(result.logDet[i]));
      expect(Math.abs(result.logDet[i] - result.perFeature[i][0] - result.perFeature[i][1])).toBeLessThan(tol);
      expect(Math.abs(result.backLogDet[i] + result.logDet[i])).toBeLessThan(tol);
      for (let j = 0; j < F; j++) {
        const x = v[i * F + j];
        expect(result.back[i][j]).toBeCloseTo(x, 3);
        if (Math.abs(x) > B) expect(result.out[i][j]).toBe(x);
      }
      const x0 = v[i * F];
      // Finite difference on feature 0 away from the tail bound (the derivative is continuous there anyway).
      if (Math.abs(x0) < B - 0.05) {
        expect(Math.log(result.slope[i][0])).toBeCloseTo(result.perFeature[i][0], 1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

function sliceParams(p: { widths: tf.Tensor3D; heights: tf.Tensor3D; derivatives: tf.Tensor3D }, j: number) {
  const s = (t: tf.Tensor3D) => tf.slice(t, [0, j, 0], [-1, 1, -1]) as tf.Tensor3D;
  return { widths: s(p.widths), heights: s(p.heights), derivatives: s(p.derivatives) };
}
