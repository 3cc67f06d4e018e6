// Seeded spike-train generators for metric tests and benchmarks: Poisson, gamma, regular, synchronous, modulated.
import type { SpikeRecord } from '../../../../../src-shared/model/spikes';
import { mulberry32 } from '../../../../../src-main/engine/metrics/rng';

export type Rand = () => number;

/** Standard normal by Box–Muller. */
function normal(rand: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape k, scale 1) by Marsaglia–Tsang (boosted for k < 1). */
export function gammaSample(rand: Rand, k: number): number {
  if (k < 1) return gammaSample(rand, k + 1) * Math.pow(1 - rand(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A renewal train with gamma(k) ISIs of mean 1000/rateHz ms, started in equilibrium-ish (random phase). */
export function gammaTrain(rand: Rand, rateHz: number, k: number, durationMs: number): number[] {
  const meanMs = 1000 / rateHz;
  const out: number[] = [];
  let t = -rand() * meanMs * 5;
  for (;;) {
    t += (gammaSample(rand, k) * meanMs) / k;
    if (t >= durationMs) return out;
    if (t >= 0) out.push(t);
  }
}

export function poissonTrain(rand: Rand, rateHz: number, durationMs: number): number[] {
  const out: number[] = [];
  let t = 0;
  for (;;) {
    t += (-Math.log(1 - rand()) * 1000) / rateHz;
    if (t >= durationMs) return out;
    out.push(t);
  }
}

/** Inhomogeneous Poisson with rate r(t) ≤ maxHz by thinning. */
export function modulatedPoissonTrain(
  rand: Rand,
  rateAt: (tMs: number) => number,
  maxHz: number,
  durationMs: number,
): number[] {
  return poissonTrain(rand, maxHz, durationMs).filter((t) => rand() * maxHz < rateAt(t));
}

/** Packs per-neuron trains into a time-sorted SpikeRecord. */
export function toRecord(
  trains: number[][],
  durationMs: number,
  populations?: SpikeRecord['populations'],
): SpikeRecord {
  const all: [number, number][] = [];
  trains.forEach((tr, k) => tr.forEach((t) => all.push([t, k])));
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    neuron: Uint32Array.from(all, (x) => x[1]),
    timeMs: Float64Array.from(all, (x) => x[0]),
    nNeurons: trains.length,
    durationMs,
    populations: populations ?? [{ name: 'E', start: 0, count: trains.length }],
  };
}

export function seeded(seed: number): Rand {
  return mulberry32(seed);
}

/** E/I Poisson network record: nE + nI neurons at rateHz. */
export function poissonRecord(seed: number, nNeurons: number, rateHz: number, durationMs: number): SpikeRecord {
  const rand = seeded(seed);
  const nE = Math.round(nNeurons * 0.8);
  const trains = Array.from({ length: nNeurons }, () => poissonTrain(rand, rateHz, durationMs));
  return toRecord(trains, durationMs, [
    { name: 'E', start: 0, count: nE },
    { name: 'I', start: nE, count: nNeurons - nE },
  ]);
}
