// The ids of the built-in metrics (snake_case), in display order, and the groups they belong to.

export const BUILTIN_METRIC_IDS = [
  'rate_mean',
  'rate_std',
  'silent_fraction',
  'cv_isi',
  'cv_isi_std',
  'cv2',
  'lv',
  'lvr',
  'kl_isi',
  'fano_temporal',
  'fano_spatial',
  'corr_pairwise',
  'sttc',
  'spike_contrast',
  'sync_chi',
  'autocov',
  'pop_rate_std',
  'spectrum_peak_hz',
  'spectrum_peak_power',
  'spectral_entropy',
  'fft_amplitude',
] as const;

export type BuiltinMetricId = (typeof BUILTIN_METRIC_IDS)[number];

export const METRIC_GROUPS = ['rates', 'irregularity', 'variability', 'synchrony', 'temporal'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export const METRIC_GROUP_LABELS: Record<MetricGroup, string> = {
  rates: 'Rates',
  irregularity: 'Irregularity',
  variability: 'Variability',
  synchrony: 'Correlation and synchrony',
  temporal: 'Temporal structure',
};

/** Population name under which metrics over every recorded neuron are reported. */
export const ALL_POPULATION = 'all';

/** Default warm-up skipped at the start of a run before analysis, ms. */
export const DEFAULT_WARMUP_MS = 200;

export function isBuiltinMetricId(id: string): id is BuiltinMetricId {
  return (BUILTIN_METRIC_IDS as readonly string[]).includes(id);
}
