// rate_mean: mean single-neuron firing rate of a population in the window, Hz.
import type { PopulationTrains } from '../trains';

export function rateMean(trains: PopulationTrains): number {
  if (trains.nNeurons === 0 || trains.durationMs <= 0) return NaN;
  return (trains.nSpikes / trains.nNeurons) * (1000 / trains.durationMs);
}
