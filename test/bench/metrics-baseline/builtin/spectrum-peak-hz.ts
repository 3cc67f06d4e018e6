// spectrum_peak_hz: frequency of the largest Welch PSD value of the population rate, Hz.
import { populationRateWelch, type WelchOptions } from '../welch';
import type { PopulationTrains } from '../trains';

export function spectrumPeakHz(trains: PopulationTrains, opts: WelchOptions): number {
  const spec = populationRateWelch(trains, opts);
  if (!spec) return NaN;
  let best = 0;
  for (let k = 1; k < spec.power.length; k++) if (spec.power[k] > spec.power[best]) best = k;
  return spec.freqHz[best];
}
