// Yardstick check for c2st.ts: writes sbibm reference samples to CSV and scores CSV pairs with our C2ST.
// Pair with scripts/c2st-sklearn.py (sbibm's own c2st in sklearn) on the same files.
//   npx tsx scripts/sbibm-c2st-check.ts reference TASK OBS N SEED OUT.csv
//   npx tsx scripts/sbibm-c2st-check.ts c2st REFERENCE.csv APPROX.csv [SEED]
import { readFileSync, writeFileSync } from 'node:fs';
import { c2stParallel } from '../src-main/engine/sbi/c2st';
import { matrix, type Matrix } from '../src-main/engine/sbi/matrix';
import { createRng } from '../src-main/engine/sbi/rng';
import { getTask } from '../src-main/engine/sbi/tasks';

function readCsv(path: string): Matrix {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const cols = lines[0].split(',').length;
  const out = matrix(lines.length, cols);
  lines.forEach((l, i) => out.data.set(l.split(',').map(Number), i * cols));
  return out;
}

function writeCsv(path: string, m: Matrix): void {
  const lines = [Array.from({ length: m.cols }, (_, j) => `theta_${j + 1}`).join(',')];
  for (let i = 0; i < m.rows; i++) lines.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'reference') {
    const [taskId, obs, n, seed, out] = args;
    writeCsv(out, getTask(taskId).referencePosterior(Number(obs), Number(n), createRng(Number(seed))));
  } else if (mode === 'c2st') {
    const [ref, approx, seed] = args;
    const workers = Number(process.env.LODYN_C2ST_WORKERS ?? 1);
    const t0 = performance.now();
    const r = await c2stParallel(readCsv(ref), readCsv(approx), { seed: seed ? Number(seed) : 1, workers });
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ c2st: r.accuracy, folds: r.folds.map((f) => f.accuracy), seconds }));
  } else {
    throw new Error('usage: reference TASK OBS N SEED OUT.csv | c2st REFERENCE.csv APPROX.csv [SEED]');
  }
}

void main();
