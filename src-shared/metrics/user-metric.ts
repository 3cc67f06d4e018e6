// User metrics as data: a statistic of a per-neuron or per-bin quantity, or an arithmetic expression over other metrics.
import { z } from 'zod';

export const PER_NEURON_QUANTITIES = ['rate', 'spike_count', 'cv_isi', 'cv2', 'lv', 'mean_isi_ms'] as const;
export const PER_BIN_QUANTITIES = ['bin_count', 'bin_rate', 'bin_active_fraction'] as const;
export const USER_QUANTITIES = [...PER_NEURON_QUANTITIES, ...PER_BIN_QUANTITIES] as const;
export type UserQuantity = (typeof USER_QUANTITIES)[number];

export const QUANTITY_DOCS: Record<UserQuantity, { unit: string; doc: string }> = {
  rate: { unit: 'Hz', doc: 'per neuron: spikes in the window / window length' },
  spike_count: { unit: 'spikes', doc: 'per neuron: spikes in the window' },
  cv_isi: { unit: '', doc: 'per neuron with ≥ 3 ISIs: std/mean of its ISIs (others left out)' },
  cv2: { unit: '', doc: 'per neuron with ≥ 2 ISIs: mean 2|ΔI|/(I + I′) (Holt 1996)' },
  lv: { unit: '', doc: 'per neuron with ≥ 2 ISIs: local variation (Shinomoto 2003)' },
  mean_isi_ms: { unit: 'ms', doc: 'per neuron with ≥ 1 ISI: mean ISI' },
  bin_count: { unit: 'spikes', doc: 'per bin of binMs: spikes of the population' },
  bin_rate: { unit: 'Hz', doc: 'per bin of binMs: population rate (spikes / neurons / bin length)' },
  bin_active_fraction: { unit: '', doc: 'per bin of binMs: fraction of neurons that spike' },
};

export const USER_STATISTICS = ['mean', 'std', 'median', 'quantile', 'fraction_above', 'min', 'max'] as const;
export type UserStatistic = (typeof USER_STATISTICS)[number];

const metricId = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'must be snake_case: a lowercase letter, then lowercase letters, digits or _ (≤ 64)',
  );

const common = {
  id: metricId,
  name: z.string().max(200).optional(),
  unit: z.string().max(40).default(''),
  description: z.string().max(4000).default(''),
};

export const userStatisticSchema = z
  .object({
    ...common,
    kind: z.literal('statistic'),
    quantity: z.enum(USER_QUANTITIES),
    statistic: z.enum(USER_STATISTICS),
    /** Bin for per-bin quantities, ms. */
    binMs: z.number().positive().max(1e6).default(100),
    /** Quantile level for `quantile`, in [0, 1]. */
    q: z.number().min(0).max(1).optional(),
    /** Threshold for `fraction_above`, in the quantity's unit. */
    threshold: z.number().finite().optional(),
    /** Restrict to one population; then the value is reported under that population only. */
    population: z.string().min(1).max(100).optional(),
    /** Own analysis window [startMs, endMs) instead of the run's. */
    windowMs: z.tuple([z.number().min(0), z.number().positive()]).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.statistic === 'quantile' && d.q === undefined)
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'statistic quantile needs q in [0, 1]' });
    if (d.statistic === 'fraction_above' && d.threshold === undefined)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'statistic fraction_above needs a threshold' });
    if (d.windowMs && d.windowMs[1] <= d.windowMs[0])
      ctx.addIssue({ code: 'custom', path: ['windowMs'], message: 'window end must be after its start' });
  });

export const userExpressionSchema = z
  .object({
    ...common,
    kind: z.literal('expression'),
    /** Arithmetic over metric ids, e.g. `rate_mean[E] / rate_mean[I]`, `log(cv_isi) - max(lv, 1)`. */
    expression: z.string().min(1).max(2000),
  })
  .strict();

export const userMetricSchema = z.discriminatedUnion('kind', [userStatisticSchema, userExpressionSchema]);

export type UserMetricDefinition = z.output<typeof userMetricSchema>;
export type UserMetricInput = z.input<typeof userMetricSchema>;

/** Functions the expression language knows, with their arity (-1: one or more). */
export const EXPRESSION_FUNCTIONS: Record<string, { arity: number; doc: string }> = {
  log: { arity: 1, doc: 'natural logarithm' },
  log10: { arity: 1, doc: 'base-10 logarithm' },
  exp: { arity: 1, doc: 'e to the power' },
  sqrt: { arity: 1, doc: 'square root' },
  abs: { arity: 1, doc: 'absolute value' },
  min: { arity: -1, doc: 'smallest argument' },
  max: { arity: -1, doc: 'largest argument' },
};
