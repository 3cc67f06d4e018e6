// Benchmark: C2ST (sbibm's sklearn MLP, 5 folds) on this thread (baseline) vs folds in parallel worker threads.
import { availableParallelism, loadavg } from 'node:os';
import { c2st, c2stParallel } from '../../src-main/engine/sbi/c2st';
import { matrix } from '../../src-main/engine/sbi/matrix';
import { createRng } from '../../src-main/engine/sbi/rng';

function normals(n: number, dim: number, shift: number, seed: number) {
  const rng = createRng(seed);
  const m = matrix(n, dim);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal() + shift;
  return m;
}

const rows = [];
for (const [n, dim] of [
  [1000, 2],
  [1000, 5],
]) {
  const a = normals(n, dim, 0, 1);
  const b = normals(n, dim, 0.3, 2);
  let t = performance.now();
  const seq = c2st(a, b);
  const seqS = (performance.now() - t) / 1000;
  t = performance.now();
  const par = await c2stParallel(a, b);
  const parS = (performance.now() - t) / 1000;
  const epochs = par.folds.map((f) => f.epochs).join('/');
  rows.push({
    case: `${n} vs ${n}, ${dim}-D, this thread (baseline)`,
    c2st: seq.toFixed(3),
    s: seqS.toFixed(1),
    ratio: '1.00',
  });
  rows.push({
    case: `${n} vs ${n}, ${dim}-D, ${availableParallelism()} workers (epochs ${epochs})`,
    c2st: par.accuracy.toFixed(3),
    s: parS.toFixed(1),
    ratio: (seqS / parS).toFixed(2),
  });
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.table(rows);
