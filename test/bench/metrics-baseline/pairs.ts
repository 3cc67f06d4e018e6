// Seeded sampling of neuron pairs for the pairwise synchrony metrics, bounded so cost never grows with N².
import { mulberry32 } from './rng';
import type { PopulationTrains } from './trains';

/** Indices of neurons with at least one spike in the window. */
export function spikingNeurons(trains: PopulationTrains): Uint32Array {
  return trains.memo('spiking', () => {
    const out: number[] = [];
    for (let k = 0; k < trains.nNeurons; k++) if (trains.offsets[k + 1] > trains.offsets[k]) out.push(k);
    return Uint32Array.from(out);
  });
}

/**
 * Pairs (i, j), i ≠ j, of spiking neurons: every pair when there are at most `nPairs`, else `nPairs` pairs drawn
 * uniformly with replacement from a generator seeded with `seed`. Shape [nPairs, 2] flattened.
 */
export function samplePairs(trains: PopulationTrains, nPairs: number, seed: number): Uint32Array {
  return trains.memo(`pairs:${nPairs}:${seed}`, () => {
    const active = spikingNeurons(trains);
    const m = active.length;
    const total = (m * (m - 1)) / 2;
    if (m < 2) return new Uint32Array(0);
    if (total <= nPairs) {
      const out = new Uint32Array(total * 2);
      let w = 0;
      for (let a = 0; a < m; a++)
        for (let b = a + 1; b < m; b++) {
          out[w++] = active[a];
          out[w++] = active[b];
        }
      return out;
    }
    const rand = mulberry32(seed);
    const out = new Uint32Array(nPairs * 2);
    for (let p = 0; p < nPairs; p++) {
      const a = Math.floor(rand() * m);
      // Draw b from the m − 1 others so i ≠ j without rejection.
      let b = Math.floor(rand() * (m - 1));
      if (b >= a) b++;
      out[2 * p] = active[a];
      out[2 * p + 1] = active[b];
    }
    return out;
  });
}
