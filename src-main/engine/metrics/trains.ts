// Spike trains of one population inside one analysis window, per neuron (CSR layout), with a memo for shared intermediates.
import type { SpikeRecord } from '../../../src-shared/model/spikes';

/**
 * The spikes of `nNeurons` neurons in a window of `durationMs`, times relative to the window start.
 * Neuron k's sorted times are `timesMs[offsets[k] .. offsets[k+1])`.
 */
export class PopulationTrains {
  readonly nNeurons: number;
  /**
   * The trains this one is a neuron range of (itself when built on its own), and where the range starts there:
   * per-neuron intermediates are computed once on the root and sliced, so E, I and `all` share them.
   */
  readonly root: PopulationTrains;
  readonly rootStart: number;
  private readonly cache = new Map<string, unknown>();

  constructor(
    /** Shape [nNeurons + 1]. */
    readonly offsets: Uint32Array,
    /** Shape [nSpikes], sorted within each neuron, in [0, durationMs). */
    readonly timesMs: Float64Array,
    readonly durationMs: number,
    /** All times of the population in one sorted array, when the builder has it for free. Shape [nSpikes]. */
    private readonly sortedTimesMs?: Float64Array | (() => Float64Array),
    parent?: { root: PopulationTrains; start: number },
  ) {
    this.nNeurons = offsets.length - 1;
    this.root = parent?.root ?? this;
    this.rootStart = parent?.start ?? 0;
  }

  /** Every spike time of the population, sorted. Shape [nSpikes]. */
  sortedTimes(): Float64Array {
    const given = this.sortedTimesMs;
    if (given instanceof Float64Array) return given;
    return this.memo('sorted', () => (given ? given() : Float64Array.from(this.timesMs).sort()));
  }

  /**
   * A per-neuron intermediate of the root trains (computed once there by `make`), cut to this population's
   * neurons by `slice(full, rootStart, nNeurons)`. Keys share the root's memo, so they must name per-neuron data.
   */
  perNeuron<T>(
    key: string,
    make: (root: PopulationTrains) => T,
    slice: (full: T, start: number, count: number) => T,
  ): T {
    const full = this.root.memo(`neuron:${key}`, () => make(this.root));
    if (this.root === this) return full;
    return this.memo(`neuron:${key}`, () => slice(full, this.rootStart, this.nNeurons));
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

/**
 * Neurons [start, start + count) of `root` (which must cover them) as a population of their own, sharing root's
 * spike times: O(count) instead of a pass over the record. `sortedTimes` gives the population's sorted times
 * when a metric needs them.
 */
export function subTrains(
  root: PopulationTrains,
  start: number,
  count: number,
  sortedTimes: () => Float64Array,
): PopulationTrains {
  const base = root.offsets[start];
  const offsets = new Uint32Array(count + 1);
  for (let k = 0; k <= count; k++) offsets[k] = root.offsets[start + k] - base;
  const times = root.timesMs.subarray(base, base + offsets[count]);
  return new PopulationTrains(offsets, times, root.durationMs, sortedTimes, { root, start });
}

/**
 * Sorted times (relative to the window start) of the spikes of neurons [start, start + count) in
 * [windowStartMs, windowEndMs): exactly the sorted array `selectTrains` builds. Shape [nSpikes].
 */
export function selectSortedTimes(
  spikes: SpikeRecord,
  start: number,
  count: number,
  windowStartMs: number,
  windowEndMs: number,
  nSpikes: number,
): Float64Array {
  const { neuron, timeMs } = spikes;
  const end = start + count;
  const sorted = new Float64Array(nSpikes);
  let w = 0;
  let inOrder = true;
  for (let s = 0; s < neuron.length; s++) {
    const k = neuron[s];
    const t = timeMs[s];
    if (k >= start && k < end && t >= windowStartMs && t < windowEndMs) {
      if (w > 0 && t - windowStartMs < sorted[w - 1]) inOrder = false;
      sorted[w++] = t - windowStartMs;
    }
  }
  if (!inOrder) sorted.sort();
  return sorted;
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
