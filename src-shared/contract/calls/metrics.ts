// Metrics calls: the built-in metric list, computing metrics, user metrics (validate, preview, save, list, delete) and observations.
import { z } from 'zod';
import type { MetricDefinitionRecord, ObservationRecord, StoredMetricValues } from '../../catalogue/records';
import type { MetricMeta } from '../../metrics/definitions';
import type { MetricGroup } from '../../metrics/ids';
import type { UserMetricDefinition } from '../../metrics/user-metric';
import { defineCall } from '../define';

export const SPIKE_FILE_FORMATS = ['csv', 'nwb', 'sonata'] as const;

/** Spikes sent inline (e.g. the Explorer's current run): arrays of equal length, times in ms. */
export const inlineSpikesSchema = z
  .object({
    neuron: z.array(z.number().int().min(0)),
    timeMs: z.array(z.number().finite().min(0)),
    nNeurons: z.number().int().min(0),
    durationMs: z.number().positive(),
    populations: z
      .array(
        z.object({ name: z.string().min(1), start: z.number().int().min(0), count: z.number().int().min(0) }).strict(),
      )
      .default([]),
  })
  .strict();

const fileFields = {
  format: z.enum(SPIKE_FILE_FORMATS).optional(),
  /** Recording length, ms (default: last spike + 1 ms). */
  durationMs: z.number().positive().optional(),
  /** `NAME:FIRST-LAST,…` neuron-id ranges overriding the file's populations. */
  populations: z.string().min(1).optional(),
};

export const spikeSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spikes'), spikes: inlineSpikesSchema }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1), ...fileFields }).strict(),
  z.object({ kind: z.literal('observation'), id: z.string().min(1) }).strict(),
]);
export type SpikeSourceRequest = z.input<typeof spikeSourceSchema>;

const computeFields = {
  /** Analysis window [startMs, endMs); default: after a 200 ms warm-up. */
  windowMs: z.tuple([z.number().min(0), z.number().positive()]).optional(),
  metricIds: z.array(z.string().min(1)).optional(),
  /** Parameter overrides per built-in metric: `{ corr_pairwise: { binMs: 5 } }`. */
  params: z.record(z.string(), z.record(z.string(), z.number())).optional(),
};

export interface MetricsListResponse {
  metrics: MetricMeta[];
  groups: { id: MetricGroup; label: string }[];
  /** What user statistics can be built from. */
  user: {
    quantities: { id: string; unit: string; doc: string; perBin: boolean }[];
    statistics: string[];
    functions: { name: string; arity: number; doc: string }[];
  };
}

export interface MetricsComputeResponse {
  /** `values[population][metricId]`, NaN as null; population `all` is always present. */
  values: StoredMetricValues;
  nanReasons: Record<string, Record<string, string>>;
  windowMs: [number, number];
  populations: string[];
  /** Unit per reported metric id. */
  units: Record<string, string>;
}

export type ValidateUserResponse =
  | { ok: true; definition: UserMetricDefinition }
  | { ok: false; error: { field: string; message: string; position?: number; length?: number } };

export interface ObservationGetResponse {
  observation: ObservationRecord;
  spikes?: { neuron: number[]; timeMs: number[] };
}

export const metricsCalls = {
  'metrics:list': defineCall<MetricsListResponse>()(
    z.object({}).strict(),
    'Built-in metric definitions (unit, definition, reference, parameters, degenerate values) and user-metric building blocks.',
  ),
  'metrics:compute': defineCall<MetricsComputeResponse>()(
    z
      .object({
        source: spikeSourceSchema,
        ...computeFields,
        /** Also evaluate the user metrics saved in the catalogue. */
        includeUser: z.boolean().default(false),
      })
      .strict(),
    'Metric values per population for spikes given inline, in a file, or of an observation.',
  ),
  'metrics:validateUser': defineCall<ValidateUserResponse>()(
    z.object({ definition: z.unknown() }).strict(),
    'Checks a user metric definition; errors name the field and, in expressions, the position.',
  ),
  'metrics:preview': defineCall<MetricsComputeResponse>()(
    z.object({ definition: z.unknown(), source: spikeSourceSchema, windowMs: computeFields.windowMs }).strict(),
    'Evaluates one (unsaved) user metric on the given spikes.',
  ),
  'metrics:saveUser': defineCall<MetricDefinitionRecord>()(
    z.object({ definition: z.unknown() }).strict(),
    'Saves (creates or replaces by id) a user metric definition in the catalogue.',
  ),
  'metrics:listUser': defineCall<MetricDefinitionRecord[]>()(z.object({}).strict(), 'The saved user metrics.'),
  'metrics:deleteUser': defineCall<{ deleted: string }>()(
    z.object({ id: z.string().min(1) }).strict(),
    'Deletes a saved user metric (refused while another user metric refers to it).',
  ),
  'observations:import': defineCall<ObservationRecord>()(
    z
      .object({
        path: z.string().min(1).optional(),
        /** File content, base64, when the file comes from the renderer (with `fileName`). */
        bytesBase64: z.string().min(1).optional(),
        fileName: z.string().min(1).optional(),
        name: z.string().max(200).optional(),
        ...fileFields,
        windowMs: computeFields.windowMs,
      })
      .strict()
      .refine((r) => (r.path === undefined) !== (r.bytesBase64 === undefined), {
        message: 'give exactly one of path or bytesBase64',
        path: ['path'],
      })
      .refine((r) => r.bytesBase64 === undefined || r.fileName !== undefined, {
        message: 'fileName is needed with bytesBase64 (its extension tells the format)',
        path: ['fileName'],
      }),
    'Imports a spike file (CSV, NWB, SONATA) as an observation with its metrics (saved user metrics included).',
  ),
  'observations:list': defineCall<ObservationRecord[]>()(z.object({}).strict(), 'The imported observations.'),
  'observations:get': defineCall<ObservationGetResponse>()(
    z.object({ id: z.string().min(1), includeSpikes: z.boolean().default(false) }).strict(),
    'One observation, optionally with its spikes (for the raster).',
  ),
  'observations:delete': defineCall<{ deleted: string }>()(
    z.object({ id: z.string().min(1) }).strict(),
    'Deletes an observation and its spikes file.',
  ),
} as const;
