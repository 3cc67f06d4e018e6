// Handlers of sim:* calls: spec defaults/schema/validation, runs in the worker pool with progress and cancel, Brian2 export.
import { randomUUID } from 'node:crypto';
import type { simCalls, SimRunResult } from '../../src-shared/contract/calls/sim';
import { LodynError } from '../../src-shared/contract/envelope';
import {
  defaultSpec,
  familyParamTable,
  modelFamilies,
  networkSpecJsonSchema,
  type ModelFamily,
  parseNetworkSpec,
} from '../../src-shared/model/network-spec';
import { sharedSimPool } from '../engine/jobs/sim-pool';
import { exportBrian2 } from '../engine/sim/brian2-export';
import type { SimulationResult } from '../engine/sim/run-simulation';
import type { ParamMeta } from '../../src-shared/model/params';
import type { DomainHandlers } from './types';

const running = new Map<string, AbortController>();

/** Converts an engine result to the contract's plain-array shape, keeping at most `maxSpikes` spikes. */
export function toRunResult(runId: string, r: SimulationResult, maxSpikes: number): SimRunResult {
  const nSpikes = Math.min(maxSpikes, r.spikes.neuron.length);
  const steps = r.steps;
  return {
    runId,
    status: r.status,
    ...(r.statusMessage ? { statusMessage: r.statusMessage } : {}),
    seed: r.seed,
    setupMs: r.setupMs,
    runMs: r.runMs,
    kernel: r.kernel,
    dtMs: r.dtMs,
    steps,
    stepsPlanned: r.stepsPlanned,
    simulatedMs: r.simulatedMs,
    spikeCount: r.spikeCount,
    nSynapses: r.nSynapses,
    populations: r.populations,
    spikes: {
      neuron: Array.from(r.spikes.neuron.subarray(0, nSpikes)),
      timeMs: Array.from(r.spikes.timeMs.subarray(0, nSpikes)),
      nNeurons: r.spikes.nNeurons,
      populations: r.spikes.populations,
      truncated: nSpikes < r.spikes.neuron.length,
    },
    rate: { binMs: r.rate.binMs, E: Array.from(r.rate.E), I: Array.from(r.rate.I), all: Array.from(r.rate.all) },
    vTraces: r.vTraces
      ? {
          neuron: Array.from(r.vTraces.neuron),
          vMv: Array.from(r.vTraces.neuron, (_, k) => Array.from(r.vTraces!.vMv.subarray(k * steps, (k + 1) * steps))),
        }
      : null,
  };
}

export const simHandlers: DomainHandlers<typeof simCalls> = {
  'sim:defaults': ({ model }) => ({ model, spec: defaultSpec(model), params: familyParamTable(model) }),
  'sim:schema': () => ({
    jsonSchema: networkSpecJsonSchema(),
    families: [...modelFamilies],
    params: Object.fromEntries(modelFamilies.map((f) => [f, familyParamTable(f)])) as Record<ModelFamily, ParamMeta[]>,
  }),
  'sim:validate': ({ spec }) => {
    try {
      return { ok: true, spec: parseNetworkSpec(spec) };
    } catch (err) {
      if (err instanceof LodynError && err.name === 'ValidationError') {
        const issues = (err.details as { issues?: { field: string; message: string }[] } | undefined)?.issues;
        return { ok: false, errors: issues ?? [{ field: err.field ?? '', message: err.message }] };
      }
      throw err;
    }
  },
  'sim:run': async (req, ctx) => {
    const spec = parseNetworkSpec(req.spec);
    const runId = req.runId ?? randomUUID();
    if (running.has(runId)) throw new LodynError('Conflict', `a run with id '${runId}' is already running`);
    const controller = new AbortController();
    running.set(runId, controller);
    try {
      const result = await sharedSimPool().run(spec, req.seed, {
        durationMs: req.durationMs,
        signal: controller.signal,
        onProgress: (p) => ctx.emit('sim:progressed', { runId, ...p }),
      });
      return toRunResult(runId, result, req.maxSpikes);
    } finally {
      running.delete(runId);
    }
  },
  'sim:cancel': ({ runId }) => {
    const controller = running.get(runId);
    controller?.abort();
    return { cancelled: Boolean(controller) };
  },
  'sim:exportBrian2': ({ spec, seed }) => {
    const parsed = parseNetworkSpec(spec);
    return { script: exportBrian2(parsed, seed), fileName: `${parsed.model}-seed${seed}.py` };
  },
};
