// sttc: spike time tiling coefficient (Cutts & Eglen 2014), mean over a seeded sample of neuron pairs.
import { samplePairs } from '../pairs';
import type { PopulationTrains } from '../trains';

export interface SttcOptions {
  /** Synchrony window ±dt, ms. @default 5 */
  dtMs: number;
  /** Pairs sampled (all pairs when fewer exist). @default 500 */
  nPairs: number;
  /** Seed of the pair sample. @default 1 */
  seed: number;
}

/** Fraction of the window within ±dt of a spike of each neuron (T_A). Shape [nNeurons]. */
function tiledFractions(trains: PopulationTrains, dtMs: number): Float64Array {
  return trains.perNeuron(
    `sttc-t:${dtMs}`,
    (root) => tiled(root, dtMs),
    (full, start, count) => full.subarray(start, start + count),
  );
}

function tiled(trains: PopulationTrains, dtMs: number): Float64Array {
  const { offsets, timesMs, durationMs } = trains;
  const out = new Float64Array(trains.nNeurons);
  for (let k = 0; k < trains.nNeurons; k++) {
    let covered = 0;
    let end = -Infinity;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      const lo = Math.max(0, timesMs[i] - dtMs, end);
      const hi = Math.min(durationMs, timesMs[i] + dtMs);
      if (hi > lo) covered += hi - lo;
      end = Math.max(end, hi);
    }
    out[k] = covered / durationMs;
  }
  return out;
}

/** Fraction of a's spikes within ±dt of some spike of b (P_A), by one merge pass. */
function proportionNear(trains: PopulationTrains, a: number, b: number, dtMs: number): number {
  const { offsets, timesMs } = trains;
  let j = offsets[b];
  const je = offsets[b + 1];
  let near = 0;
  for (let i = offsets[a]; i < offsets[a + 1]; i++) {
    const t = timesMs[i];
    while (j < je && timesMs[j] < t - dtMs) j++;
    if (j < je && timesMs[j] <= t + dtMs) near++;
  }
  return near / (offsets[a + 1] - offsets[a]);
}

export function sttc(trains: PopulationTrains, opts: SttcOptions): number {
  const pairs = samplePairs(trains, opts.nPairs, opts.seed);
  if (pairs.length === 0 || trains.durationMs <= 0) return NaN;
  const tiled = tiledFractions(trains, opts.dtMs);
  let sum = 0;
  let m = 0;
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p];
    const b = pairs[p + 1];
    const pa = proportionNear(trains, a, b, opts.dtMs);
    const pb = proportionNear(trains, b, a, opts.dtMs);
    const da = 1 - pa * tiled[b];
    const db = 1 - pb * tiled[a];
    // A denominator of 0 needs P = T = 1 (both trains tile the window): STTC is undefined there (Cutts & Eglen).
    if (da <= 0 || db <= 0) continue;
    sum += 0.5 * ((pa - tiled[b]) / da + (pb - tiled[a]) / db);
    m++;
  }
  return m > 0 ? sum / m : NaN;
}
