// FlatAdam against tfjs's AdamOptimizer after per-variable global-norm clipping: the same parameters after many steps.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTfBackend, tf } from '../../../../../src-main/engine/tf/backend';
import { FlatAdam } from '../../../../../src-main/engine/sbi/flat-adam';
import { createRng, normals } from '../../../../../src-main/engine/sbi/rng';

beforeAll(async () => {
  await selectTfBackend();
});

/** A small two-layer regression whose gradients are large enough to trigger the clip early on. */
function model(seed: number) {
  const rng = createRng(seed);
  const w1 = tf.variable(tf.tensor2d(normals(3 * 8, rng), [3, 8]), true);
  const b1 = tf.variable(tf.tensor1d(normals(8, rng)), true);
  const w2 = tf.variable(tf.tensor2d(normals(8 * 2, rng), [8, 2]), true);
  return [w1, b1, w2];
}

function loss(vars: tf.Variable[], x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  const [w1, b1, w2] = vars;
  const h = tf.tanh(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1));
  return tf.mean(tf.square(tf.sub(tf.matMul(h, w2 as tf.Tensor2D), y)));
}

describe('FlatAdam', () => {
  it('matches tfjs Adam + clip_grad_norm_ step for step, and leaks no tensors', () => {
    const rng = createRng(5);
    const x = tf.tensor2d(normals(64 * 3, rng), [64, 3]);
    const y = tf.mul(tf.tensor2d(normals(64 * 2, rng), [64, 2]), 10) as tf.Tensor2D;
    const a = model(1);
    const b = model(1);
    const config = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, clipMaxNorm: 5 };
    const reference = tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon);
    const flat = new FlatAdam(b, config);
    let afterFirst = 0;
    let clipped = 0;
    for (let step = 0; step < 60; step++) {
      tf.tidy(() => {
        const ga = tf.variableGrads(() => loss(a, x, y), a).grads;
        const names = Object.keys(ga);
        const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(ga[k])))));
        if (norm.dataSync()[0] > config.clipMaxNorm) clipped++;
        const factor = tf.minimum(tf.scalar(1), tf.div(config.clipMaxNorm, tf.add(norm, 1e-6)));
        const out: tf.NamedTensorMap = {};
        for (const k of names) out[k] = tf.mul(ga[k], factor);
        reference.applyGradients(out as unknown as Parameters<typeof reference.applyGradients>[0]);
        const gb = tf.variableGrads(() => loss(b, x, y), b).grads;
        flat.apply(b.map((v) => gb[v.name]));
      });
      // tfjs's Adam creates its accumulators on the first step; from then on a step must leave the count alone.
      if (step === 0) afterFirst = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(clipped, 'the clip must have acted').toBeGreaterThan(0);
    for (let i = 0; i < a.length; i++) {
      const da = a[i].dataSync();
      const db = b[i].dataSync();
      for (let k = 0; k < da.length; k++) expect(Math.abs(da[k] - db[k])).toBeLessThan(1e-5 * (1 + Math.abs(da[k])));
    }
    // It moved: not a test that passes by doing nothing.
    const start = model(1);
    expect(Math.abs(a[0].dataSync()[0] - start[0].dataSync()[0])).toBeGreaterThan(1e-3);
    flat.dispose();
    reference.dispose();
    tf.dispose([...a, ...b, ...start, x, y]);
  });

  it('releases everything it allocated on dispose', () => {
    const vars = model(2);
    const x = tf.ones([4, 3]) as tf.Tensor2D;
    const y = tf.zeros([4, 2]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const flat = new FlatAdam(vars, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, clipMaxNorm: 1 });
    tf.tidy(() => {
      const g = tf.variableGrads(() => loss(vars, x, y), vars).grads;
      flat.apply(vars.map((v) => g[v.name]));
    });
    flat.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...vars, x, y]);
  });
});
