// Benchmark: MAF training speed on gaussian_linear (10k sims) and the custom-gradient matmul vs tf.matMul's own.
import * as tf from '@tensorflow/tfjs';
import { selectTfBackend } from '../../src-main/engine/tf/backend';
import { samplePrior } from '../../src-main/engine/sbi/prior';
import { createRng } from '../../src-main/engine/sbi/rng';
import { SBIBM_TASKS } from '../../src-main/engine/sbi/tasks';
import { matMul } from '../../src-main/engine/sbi/tf-ops';
import { trainEstimator } from '../../src-main/engine/sbi/training';

const backend = await selectTfBackend();

function timeGrad(mm: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, reps: number): number {
  const a = tf.randomNormal([200, 50], 0, 1, 'float32', 1);
  const w = tf.variable(tf.randomNormal([50, 50], 0, 1, 'float32', 2));
  const run = (): void =>
    tf.tidy(() => void tf.variableGrads(() => tf.sum(tf.tanh(mm(a, w))) as tf.Scalar, [w]).grads[w.name].dataSync());
  for (let i = 0; i < 10; i++) run();
  const t = performance.now();
  for (let i = 0; i < reps; i++) run();
  tf.dispose([a, w]);
  return (performance.now() - t) / reps;
}

const baseline = timeGrad((a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), 300);
const custom = timeGrad(matMul, 300);

const task = SBIBM_TASKS.gaussian_linear;
const rng = createRng(1);
const theta = samplePrior(task.prior, 10_000, rng);
const x = task.simulate(theta, rng);
const epochs = Number(process.env.SBI_BENCH_EPOCHS ?? 5);
const trained = await trainEstimator(theta, x, { maxEpochs: epochs, seed: 0 });
const perEpoch = trained.trainSeconds / trained.epochs;
trained.estimator.dispose();
// sbi 0.22 / torch 1.13, one thread, on the machine: ~35 s for 37 epochs (quoted, not measured here).
const sbiPerEpoch = 35 / 37;

console.log(`backend ${backend.used}`);
console.table([
  { case: 'dense grad [200x50]·[50x50], tf.matMul (baseline)', ms: baseline.toFixed(3), ratio: '1.00' },
  { case: 'dense grad, custom matMul', ms: custom.toFixed(3), ratio: (baseline / custom).toFixed(2) },
  {
    case: `MAF epoch, gaussian_linear 10k sims (${epochs} epochs)`,
    ms: (1000 * perEpoch).toFixed(0),
    ratio: `${(sbiPerEpoch / perEpoch).toFixed(2)} vs sbi (quoted)`,
  },
]);
