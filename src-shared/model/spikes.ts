// The spike-train record shared by the simulator, metrics, the library store and importers.

/** Neurons [start, start + count) of the recorded index space form one population. */
export interface PopulationRange {
  name: string;
  start: number;
  count: number;
}

/**
 * Spikes of one run (or one imported recording), sorted by time, ties by neuron index.
 * Neuron indices are in the recorded index space [0, nNeurons); `sourceIds[k]` is the original neuron id of
 * recorded neuron k when only a subset was recorded.
 */
export interface SpikeRecord {
  /** Neuron index per spike. Shape [nSpikes]. */
  neuron: Uint32Array;
  /** Spike time in ms per spike, non-decreasing. Shape [nSpikes]. */
  timeMs: Float64Array;
  /** Number of recorded neurons (silent ones included). */
  nNeurons: number;
  /** Length of the recording in ms (spikes lie in [0, durationMs)). */
  durationMs: number;
  populations: PopulationRange[];
  /** Original ids of the recorded neurons, when a subset was recorded. Shape [nNeurons]. */
  sourceIds?: Uint32Array;
}
