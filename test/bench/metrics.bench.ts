// Benchmark: all built-in metrics for 1000 neurons × 10 s × 10 Hz (E 800 / I 200), against the issue's 50 ms target.
// Baselines (same run): the engine before the speed work (frozen copy in metrics-baseline/), and the first
// spike_contrast implementation, one pass over every spike per bin size.
import os from 'node:os';
import { computeMetrics, resolveParams } from '../../src-main/engine/metrics/evaluate';
import { BUILTIN_METRIC_FNS } from '../../src-main/engine/metrics/registry';
import { selectTrains, type PopulationTrains } from '../../src-main/engine/metrics/trains';
import { spikeContrast } from '../../src-main/engine/metrics/builtin/spike-contrast';
import { poissonRecord } from '../unit/main/engine/metrics/spike-gen';
import { computeBuiltinBaseline } from './metrics-baseline/evaluate';
import type { BuiltinMetricId } from '../../src-shared/metrics/ids';

/** The old spike_contrast: re-bins every spike at each of the ~59 bin sizes. */
function spikeContrastBaseline(trains: PopulationTrains, minBinMs = 10, shrink = 0.9): number {
  const { offsets, timesMs, durationMs, nNeurons: n } = trains;
  const total = trains.nSpikes;
  let isiMin = Infinity;
  for (let k = 0; k < n; k++)
    for (let i = offsets[k] + 1; i < offsets[k + 1]; i++) isiMin = Math.min(isiMin, timesMs[i] - timesMs[i - 1]);
  const pad = Number.isFinite(isiMin) ? isiMin : 0;
  const binMin = Math.max(pad / 2, minBinMs);
  const tStart = -pad;
  const span = durationMs + 2 * pad;
  let best = 0;
  for (let binMs = durationMs / 2; binMs >= binMin; binMs *= shrink) {
    const step = binMs / 2;
    const nHalf = Math.ceil((span + step) / step - 1e-9) - 1;
    const nOver = nHalf - 1;
    const half = new Float64Array(nHalf);
    const active = new Float64Array(nOver);
    for (let k = 0; k < n; k++) {
      let last = -1;
      for (let i = offsets[k]; i < offsets[k + 1]; i++) {
        const h = Math.min(nHalf - 1, Math.floor((timesMs[i] - tStart) / step));
        half[h]++;
        if (h - 1 > last && h >= 1) active[h - 1]++;
        if (h > last && h < nOver) active[h]++;
        last = h;
      }
    }
    let contrast = 0;
    let sumTheta = 0;
    let sumNTheta = 0;
    for (let b = 0; b < nOver; b++) {
      const theta = half[b] + half[b + 1];
      if (b > 0) contrast += Math.abs(theta - (half[b - 1] + half[b]));
      sumTheta += theta;
      sumNTheta += active[b] * theta;
    }
    best = Math.max(best, (contrast / (2 * total)) * ((sumNTheta / sumTheta - 1) / (n - 1)));
  }
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Timing {
  /** Median wall time, ms. */
  wall: number;
  /** Minimum CPU time (user + system) of one run, ms: discounts time lost to other processes on a shared machine. */
  cpu: number;
}

/** Runs each function `reps` times after 2 warm-ups, interleaved so both see the same machine load. */
function measureEach(fns: (() => unknown)[], reps: number): Timing[] {
  for (let i = 0; i < 2; i++) fns.forEach((fn) => fn());
  const walls = fns.map((): number[] => []);
  const cpus = fns.map((): number[] => []);
  for (let i = 0; i < reps; i++)
    fns.forEach((fn, f) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      walls[f].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus[f].push((c.user + c.system) / 1000);
    });
  return fns.map((_, f) => ({ wall: median(walls[f]), cpu: Math.min(...cpus[f]) }));
}

function measure(fn: () => unknown, reps: number): Timing {
  return measureEach([fn], reps)[0];
}

const REPS = Number(process.env.BENCH_REPS ?? 15);
const load0 = os.loadavg()[0];
const rec = poissonRecord(1, 1000, 10, 10_200);
const rec2 = poissonRecord(2, 1000, 10, 20_200);
const params = resolveParams();
const fresh = () => selectTrains(rec, 0, 1000, 200, 10_200);

// Same values as before the speed work: every metric of every population, compared bit for bit.
const oldValues = computeBuiltinBaseline(rec, params, [200, 10_200]);
const newValues = computeMetrics(rec);
let nDiff = 0;
let maxRel = 0;
for (const [pop, byId] of Object.entries(oldValues))
  for (const [id, v] of Object.entries(byId)) {
    const w = newValues[pop][id];
    if (!Object.is(v, w)) {
      nDiff++;
      maxRel = Math.max(maxRel, Math.abs(v - w) / Math.abs(v));
    }
  }

const rows: [string, number, number, string][] = [];
const [baseM, totalM] = measureEach(
  [() => computeBuiltinBaseline(rec, params, [200, 10_200]), () => computeMetrics(rec)],
  REPS,
);
const allOnly = measure(() => {
  const t = fresh();
  for (const [id, fn] of Object.entries(BUILTIN_METRIC_FNS)) fn(t, params[id as BuiltinMetricId]);
}, REPS);
const total2 = measure(() => computeMetrics(rec2), Math.max(5, REPS / 3));
rows.push(['baseline: engine before the speed work, 21 metrics × (E, I, all)', baseM.wall, baseM.cpu, '']);
rows.push([
  'computeMetrics: 21 metrics × (E, I, all)',
  totalM.wall,
  totalM.cpu,
  `target < 50 ms: ${totalM.cpu < 50 ? 'met' : 'MISSED'} (CPU); ratio baseline/new ${(baseM.wall / totalM.wall).toFixed(2)}× wall, ${(baseM.cpu / totalM.cpu).toFixed(2)}× CPU; values differing from baseline: ${nDiff}${nDiff ? ` (max rel ${maxRel.toExponential(1)})` : ''}`,
]);
rows.push(['21 metrics, population all only', allOnly.wall, allOnly.cpu, '']);
rows.push([
  'computeMetrics, 20 s (2× spikes and bins)',
  total2.wall,
  total2.cpu,
  `× ${(total2.cpu / totalM.cpu).toFixed(2)} CPU of 10 s (linear: 2)`,
]);
const select = measure(fresh, REPS);
rows.push(['selectTrains (one pass over the spikes)', select.wall, select.cpu, '']);
for (const [id, fn] of Object.entries(BUILTIN_METRIC_FNS)) {
  const m = measure(() => fn(fresh(), params[id as BuiltinMetricId]), REPS);
  rows.push([`  ${id}`, m.wall - select.wall, m.cpu - select.cpu, '(all alone; minus selection)']);
}
const [base, fast] = measureEach(
  [() => spikeContrastBaseline(fresh()), () => spikeContrast(fresh(), { minBinMs: 10, shrink: 0.9 })],
  Math.max(5, REPS / 3),
);
const same = Math.abs(spikeContrastBaseline(fresh()) - spikeContrast(fresh(), { minBinMs: 10, shrink: 0.9 })) < 1e-12;
rows.push(['baseline: spike_contrast, pass per bin size', base.wall - select.wall, base.cpu - select.cpu, '']);
rows.push([
  'spike_contrast, short/long ISI lists',
  fast.wall - select.wall,
  fast.cpu - select.cpu,
  `ratio baseline/new ${((base.cpu - select.cpu) / (fast.cpu - select.cpu)).toFixed(1)}× CPU, same value: ${same}`,
]);

console.log(
  `metrics benchmark: ${rec.neuron.length} spikes, 1000 neurons, 10 s window, ${REPS} runs, one core; ` +
    `load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores ` +
    `(wall times inflate under load; CPU is the minimum process.cpuUsage of one run)`,
);
console.log('| what | wall ms (median) | CPU ms (min) | note |\n|---|---:|---:|---|');
for (const [what, wall, cpu, note] of rows)
  console.log(`| ${what} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${note} |`);
