// silent_fraction: fraction of a population's neurons without a spike in the window.
import type { PopulationTrains } from '../trains';

export function silentFraction(trains: PopulationTrains): number {
  const n = trains.nNeurons;
  if (n === 0 || trains.durationMs <= 0) return NaN;
  let silent = 0;
  for (let k = 0; k < n; k++) if (trains.offsets[k + 1] === trains.offsets[k]) silent++;
  return silent / n;
}
