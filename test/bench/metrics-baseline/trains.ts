// Spike trains of one population inside one analysis window, per neuron (CSR layout), with a memo for shared intermediates.
import type { SpikeRecord } from '../../../src-shared/model/spikes';

/**
 * The spikes of `nNeurons` neurons in a window of `durationMs`, times relative to the window start.
 * Neuron k's sorted times are `timesMs[offsets[k] .. offsets[k+1])`.
 */
export class PopulationTrains {
  readonly nNeurons: number;
  private readonly cache = new Map<string, unknown>();

  constructor(
    /** Shape [nNeurons + 1]. */
    readonly offsets: Uint32Array,
    /** Shape [nSpikes], sorted within each neuron, in [0, durationMs). */
    readonly timesMs: Float64Array,
    readonly durationMs: number,
    /** All times of the population in one sorted array, when the builder has it for free. Shape [nSpikes]. */
    private readonly sortedTimesMs?: Float64Array,
  ) {
    this.nNeurons = offsets.length - 1;
  }

  /** Every spike time of the population, sorted. Shape [nSpikes]. */
  sortedTimes(): Float64Array {
    return this.sortedTimesMs ?? this.memo('sorted', () => Float64Array.from(this.timesMs).sort());
  }

  get nSpikes(): number {
    return this.offsets[this.nNeurons];
  }

  /** Computes `make()` once per key; metrics sharing a binning share its cost. */
  memo<T>(key: string, make: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = make();
    this.cache.set(key, value);
    return value;
  }
}

/**
 * Selects neurons [start, start + count) and spikes with startMs ≤ t < endMs from a record.
 * Cost O(nSpikes): one counting pass and one filling pass; per-neuron order follows the record's time order.
 */
export function selectTrains(
  spikes: SpikeRecord,
  start: number,
  count: number,
  windowStartMs: number,
  windowEndMs: number,
): PopulationTrains {
  const offsets = new Uint32Array(count + 1);
  const { neuron, timeMs } = spikes;
  const n = neuron.length;
  const end = start + count;
  for (let s = 0; s < n; s++) {
    const k = neuron[s];
    const t = timeMs[s];
    if (k >= start && k < end && t >= windowStartMs && t < windowEndMs) offsets[k - start + 1]++;
  }
  for (let k = 0; k < count; k++) offsets[k + 1] += offsets[k];
  const times = new Float64Array(offsets[count]);
  const sorted = new Float64Array(offsets[count]);
  const fill = offsets.slice(0, count);
  let w = 0;
  let inOrder = true;
  for (let s = 0; s < n; s++) {
    const k = neuron[s];
    const t = timeMs[s];
    if (k >= start && k < end && t >= windowStartMs && t < windowEndMs) {
      times[fill[k - start]++] = t - windowStartMs;
      if (w > 0 && t - windowStartMs < sorted[w - 1]) inOrder = false;
      sorted[w++] = t - windowStartMs;
    }
  }
  if (!inOrder) sorted.sort();
  // Records are time-sorted, so each neuron's slice is already sorted; sort defensively only if not.
  for (let k = 0; k < count; k++) {
    for (let i = offsets[k] + 1; i < offsets[k + 1]; i++) {
      if (times[i] < times[i - 1]) {
        times.subarray(offsets[k], offsets[k + 1]).sort();
        break;
      }
    }
  }
  return new PopulationTrains(offsets, times, Math.max(0, windowEndMs - windowStartMs), sorted);
}

/** Builds trains from plain per-neuron arrays of times (ms, relative to the window start); for tests and previews. */
export function trainsFromArrays(trains: readonly (readonly number[])[], durationMs: number): PopulationTrains {
  const offsets = new Uint32Array(trains.length + 1);
  trains.forEach((t, k) => (offsets[k + 1] = offsets[k] + t.length));
  const times = new Float64Array(offsets[trains.length]);
  trains.forEach((t, k) =>
    times.set(
      [...t].sort((a, b) => a - b),
      offsets[k],
    ),
  );
  return new PopulationTrains(offsets, times, durationMs);
}
