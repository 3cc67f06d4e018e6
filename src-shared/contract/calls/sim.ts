// Simulator calls: default specs and parameter tables per family, JSON Schema, validation, runs, cancel, Brian2 export.
import { z } from 'zod';
import { defineCall } from '../define';
import { modelFamilies, type ModelFamily, type NetworkSpec } from '../../model/network-spec';
import type { ParamMeta } from '../../model/params';
import type { PopulationRange } from '../../model/spikes';

export type SimRunStatus = 'completed' | 'exploded' | 'quiescent' | 'spike-budget' | 'cancelled';

export interface SimDefaults {
  model: ModelFamily;
  spec: NetworkSpec;
  /** One row per parameter, in editor order: path, label, unit, default, min, max, doc. */
  params: ParamMeta[];
}

export interface SimSchema {
  /** JSON Schema (draft 2020-12) of the spec. */
  jsonSchema: Record<string, unknown>;
  families: ModelFamily[];
  params: Record<ModelFamily, ParamMeta[]>;
}

export type SimValidation =
  { ok: true; spec: NetworkSpec } | { ok: false; errors: { field: string; message: string }[] };

export interface SimPopulationSummary {
  n: number;
  spikeCount: number;
  rateHz: number;
}

/** One run, shaped for plots: plain arrays, spikes sorted by time. */
export interface SimRunResult {
  runId: string;
  status: SimRunStatus;
  statusMessage?: string;
  seed: number;
  setupMs: number;
  runMs: number;
  /** What ran the loops: `wasm-simd` (COBA/CUBA where supported) or `js`; the results are the same bits. */
  kernel: 'wasm-simd' | 'js';
  dtMs: number;
  steps: number;
  stepsPlanned: number;
  simulatedMs: number;
  spikeCount: number;
  nSynapses: number;
  populations: { E: SimPopulationSummary; I: SimPopulationSummary };
  spikes: {
    /** Recorded neuron index per spike. Shape [nSpikes]. */
    neuron: number[];
    /** Spike time in ms per spike. Shape [nSpikes]. */
    timeMs: number[];
    nNeurons: number;
    populations: PopulationRange[];
    /** True when only the first `maxSpikes` spikes were returned. */
    truncated: boolean;
  };
  /** Population rate in Hz per bin of `binMs`. Shape [nBins] each. */
  rate: { binMs: number; E: number[]; I: number[]; all: number[] };
  /** Recorded membrane potentials: `vMv[k]` is neuron `neuron[k]`'s trace, one value per step. */
  vTraces: { neuron: number[]; vMv: number[][] } | null;
}

export interface SimProgressEvent {
  runId: string;
  fraction: number;
  step: number;
  stepsPlanned: number;
}

const seed = z
  .number()
  .int({ error: 'seed must be an integer' })
  .min(0, { error: 'seed must be in [0, 2^53)' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'seed must be in [0, 2^53)' });

export const simCalls = {
  'sim:defaults': defineCall<SimDefaults>()(
    z.object({ model: z.enum(modelFamilies) }).strict(),
    'The default spec and the parameter table of a model family.',
  ),
  'sim:schema': defineCall<SimSchema>()(
    z.object({}).strict(),
    'JSON Schema of the spec and every family’s parameter table.',
  ),
  'sim:validate': defineCall<SimValidation>()(
    z.object({ spec: z.unknown() }).strict(),
    'Checks a spec; errors name each field and its allowed range.',
  ),
  'sim:run': defineCall<SimRunResult>()(
    z
      .object({
        spec: z.unknown(),
        seed: seed.default(1),
        /** Client-chosen id, used by sim:cancel and in sim:progressed events. */
        runId: z.string().min(1).max(200).optional(),
        durationMs: z.number().positive().max(10_000_000).optional(),
        /** At most this many spikes are returned (the raster); counts and rates always use all. */
        maxSpikes: z.number().int().min(0).max(50_000_000).default(2_000_000),
      })
      .strict(),
    'Runs one network (spec + seed) in the worker pool, with sim:progressed events; returns spikes and rates.',
  ),
  'sim:cancel': defineCall<{ cancelled: boolean }>()(
    z.object({ runId: z.string().min(1) }).strict(),
    'Stops a run started with that runId (it returns with status `cancelled`).',
  ),
  'sim:exportBrian2': defineCall<{ script: string; fileName: string }>()(
    z.object({ spec: z.unknown(), seed: seed.default(1) }).strict(),
    'A runnable Brian2 script of exactly this model and seed.',
  ),
} as const;
