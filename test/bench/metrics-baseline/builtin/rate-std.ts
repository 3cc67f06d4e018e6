// rate_std: standard deviation across neurons of single-neuron firing rates, Hz.
import type { PopulationTrains } from '../trains';

export function rateStd(trains: PopulationTrains): number {
  const n = trains.nNeurons;
  if (n === 0 || trains.durationMs <= 0) return NaN;
  const toHz = 1000 / trains.durationMs;
  const mean = (trains.nSpikes / n) * toHz;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const d = (trains.offsets[k + 1] - trains.offsets[k]) * toHz - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}
