// spectral_entropy: normalised Shannon entropy of the Welch PSD of the population rate.
import { populationRateWelch, type WelchOptions } from '../welch';
import type { PopulationTrains } from '../trains';

export function spectralEntropy(trains: PopulationTrains, opts: WelchOptions): number {
  const spec = populationRateWelch(trains, opts);
  if (!spec || spec.power.length < 2) return NaN;
  let total = 0;
  for (const p of spec.power) total += p;
  let h = 0;
  for (const p of spec.power) if (p > 0) h -= (p / total) * Math.log(p / total);
  return h / Math.log(spec.power.length);
}
