// spectrum_peak_power: largest Welch PSD value over the summed PSD (relative peak power).
import { populationRateWelch, type WelchOptions } from '../welch';
import type { PopulationTrains } from '../trains';

export function spectrumPeakPower(trains: PopulationTrains, opts: WelchOptions): number {
  const spec = populationRateWelch(trains, opts);
  if (!spec) return NaN;
  let max = 0;
  let total = 0;
  for (const p of spec.power) {
    total += p;
    if (p > max) max = p;
  }
  return max / total;
}
