// Shared binnings of population trains (population counts, sparse per-neuron counts), memoised per bin size.
import type { PopulationTrains } from './trains';

/** Number of whole bins of `binMs` in the window; a partial last bin is dropped so every bin has equal length. */
export function wholeBins(durationMs: number, binMs: number): number {
  // The 1e-9 guards against 9800/1 landing at 9799.999… after float division.
  return Math.max(0, Math.floor(durationMs / binMs + 1e-9));
}

/** Spike count of the whole population per bin. Shape [nBins]. */
export function populationCounts(trains: PopulationTrains, binMs: number): Float64Array {
  return trains.memo(`pop:${binMs}`, () => {
    const nBins = wholeBins(trains.durationMs, binMs);
    const counts = new Float64Array(nBins);
    const { timesMs } = trains;
    for (let i = 0; i < timesMs.length; i++) {
      const b = Math.floor(timesMs[i] / binMs);
      if (b < nBins) counts[b]++;
    }
    return counts;
  });
}

/** Per-neuron nonzero bin counts: neuron k's bins are `bins[offsets[k] .. offsets[k+1])`, ascending. */
export interface SparseCounts {
  nBins: number;
  offsets: Uint32Array;
  bins: Uint32Array;
  counts: Float64Array;
}

export function sparseNeuronCounts(trains: PopulationTrains, binMs: number): SparseCounts {
  return trains.perNeuron(`sparse:${binMs}`, (root) => buildSparseCounts(root, binMs), sliceSparseCounts);
}

/** Neurons [start, start + count) of `full`: rebased offsets over views of its arrays. */
function sliceSparseCounts(full: SparseCounts, start: number, count: number): SparseCounts {
  const base = full.offsets[start];
  const offsets = new Uint32Array(count + 1);
  for (let k = 0; k <= count; k++) offsets[k] = full.offsets[start + k] - base;
  const end = base + offsets[count];
  return { nBins: full.nBins, offsets, bins: full.bins.subarray(base, end), counts: full.counts.subarray(base, end) };
}

function buildSparseCounts(trains: PopulationTrains, binMs: number): SparseCounts {
  const nBins = wholeBins(trains.durationMs, binMs);
  const { offsets: so, timesMs } = trains;
  const n = trains.nNeurons;
  const offsets = new Uint32Array(n + 1);
  const bins = new Uint32Array(timesMs.length);
  const counts = new Float64Array(timesMs.length);
  let w = 0;
  for (let k = 0; k < n; k++) {
    let last = -1;
    for (let i = so[k]; i < so[k + 1]; i++) {
      const b = Math.floor(timesMs[i] / binMs);
      if (b >= nBins) break;
      if (b === last) counts[w - 1]++;
      else {
        bins[w] = b;
        counts[w] = 1;
        w++;
        last = b;
      }
    }
    offsets[k + 1] = w;
  }
  return { nBins, offsets, bins: bins.slice(0, w), counts: counts.slice(0, w) };
}
