// Benchmark: all built-in metrics for 1000 neurons × 10 s × 10 Hz (E 800 / I 200), against the 50 ms target.
// Baseline (same run): the first spike_contrast implementation, one pass over every spike per bin size.
import os from 'node:os';
import { computeMetrics, resolveParams } from '../../src-main/engine/metrics/evaluate';
import { BUILTIN_METRIC_FNS } from '../../src-main/engine/metrics/registry';
import { selectTrains, type PopulationTrains } from '../../src-main/engine/metrics/trains';
import { spikeContrast } from '../../src-main/engine/metrics/builtin/spike-contrast';
import { poissonRecord } from '../unit/main/engine/metrics/spike-gen';
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

/** Median wall time and minimum CPU time (ms) of `reps` runs after 3 warm-ups; CPU time discounts other load. */
function measure(fn: () => unknown, reps: number): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: Math.min(...cpus) };
}

function time(fn: () => unknown, reps: number): number {
  return measure(fn, reps).wall;
}

const REPS = Number(process.env.BENCH_REPS ?? 15);
const rec = poissonRecord(1, 1000, 10, 10_200);
const rec2 = poissonRecord(2, 1000, 10, 20_200);
const params = resolveParams();
const fresh = () => selectTrains(rec, 0, 1000, 200, 10_200);

const rows: [string, number, string][] = [];
const totalM = measure(() => computeMetrics(rec), REPS);
const total = totalM.wall;
const totalAllOnly = time(() => {
  const t = fresh();
  for (const [id, fn] of Object.entries(BUILTIN_METRIC_FNS)) fn(t, params[id as BuiltinMetricId]);
}, REPS);
const total2 = time(() => computeMetrics(rec2), Math.max(5, REPS / 3));
rows.push([
  'computeMetrics: 21 metrics × (E, I, all), median wall',
  total,
  `target < 50 ms: ${total < 50 ? 'met' : 'MISSED'}`,
]);
rows.push([
  'computeMetrics, min CPU time of the runs',
  totalM.cpu,
  `target < 50 ms: ${totalM.cpu < 50 ? 'met' : 'MISSED'} (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`,
]);
rows.push(['21 metrics, population all only', totalAllOnly, '']);
rows.push([
  'computeMetrics, 20 s (2× spikes and bins)',
  total2,
  `× ${(total2 / total).toFixed(2)} of 10 s (linear: 2)`,
]);
const select = time(fresh, REPS);
rows.push(['selectTrains (one pass over the spikes)', select, '']);
for (const [id, fn] of Object.entries(BUILTIN_METRIC_FNS))
  rows.push([
    `  ${id}`,
    time(() => fn(fresh(), params[id as BuiltinMetricId]), REPS) - select,
    '(all; minus selection)',
  ]);
const base = time(() => spikeContrastBaseline(fresh()), Math.max(5, REPS / 3)) - select;
const fast = time(() => spikeContrast(fresh(), { minBinMs: 10, shrink: 0.9 }), REPS) - select;
const same = Math.abs(spikeContrastBaseline(fresh()) - spikeContrast(fresh(), { minBinMs: 10, shrink: 0.9 })) < 1e-12;
rows.push(['baseline: spike_contrast, pass per bin size', base, '']);
rows.push([
  'spike_contrast, short/long ISI lists',
  fast,
  `ratio baseline/new ${(base / fast).toFixed(1)}×, same value: ${same}`,
]);

console.log(
  `metrics benchmark: ${rec.neuron.length} spikes, 1000 neurons, 10 s window, median of ${REPS} runs, one core`,
);
console.log('| what | ms | note |\n|---|---:|---|');
for (const [what, ms, note] of rows) console.log(`| ${what} | ${ms.toFixed(2)} | ${note} |`);
