// Handlers of metrics:* and observations:* calls: built-in and user metrics over spikes, and imported observations.
import type { z } from 'zod';
import type { MetricDefinitionRecord } from '../../src-shared/catalogue/records';
import type { metricsCalls, MetricsComputeResponse, spikeSourceSchema } from '../../src-shared/contract/calls/metrics';
import { LodynError, validationError } from '../../src-shared/contract/envelope';
import { METRIC_DEFINITIONS } from '../../src-shared/metrics/definitions';
import { METRIC_GROUPS, METRIC_GROUP_LABELS } from '../../src-shared/metrics/ids';
import {
  EXPRESSION_FUNCTIONS,
  PER_BIN_QUANTITIES,
  QUANTITY_DOCS,
  USER_QUANTITIES,
  USER_STATISTICS,
  type UserMetricDefinition,
} from '../../src-shared/metrics/user-metric';
import type { SpikeRecord } from '../../src-shared/model/spikes';
import { computeMetricsDetailed, type ComputeMetricsOptions } from '../engine/metrics/evaluate';
import { importSpikeFile } from '../engine/metrics/import';
import { expressionRefs, parseExpression } from '../engine/metrics/user/expression';
import { compileUserMetric, type ExpressionErrorDetails } from '../engine/metrics/user/validate';
import {
  deleteObservation,
  getObservation,
  importObservation,
  listObservations,
  loadObservationSpikes,
  toStoredValues,
} from '../engine/observations/store';
import type { ApiContext, DomainHandlers } from './types';

type SpikeSource = z.output<typeof spikeSourceSchema>;

/** Turns an inline spike payload into a record, checking what the schema cannot (lengths, index range, order). */
function inlineRecord(s: Extract<SpikeSource, { kind: 'spikes' }>['spikes']): SpikeRecord {
  if (s.neuron.length !== s.timeMs.length)
    throw validationError('source.spikes.timeMs', `has ${s.timeMs.length} entries but neuron has ${s.neuron.length}`);
  const bad = s.neuron.findIndex((k) => k >= s.nNeurons);
  if (bad >= 0)
    throw validationError(
      `source.spikes.neuron[${bad}]`,
      `neuron ${s.neuron[bad]} is not below nNeurons ${s.nNeurons}`,
    );
  s.populations.forEach((p, i) => {
    if (p.start + p.count > s.nNeurons)
      throw validationError(
        `source.spikes.populations[${i}]`,
        `range [${p.start}, ${p.start + p.count}) exceeds nNeurons`,
      );
  });
  // Records are time-sorted by contract; sort here rather than reject an unsorted payload.
  const order = s.timeMs.map((_, i) => i).sort((a, b) => s.timeMs[a] - s.timeMs[b] || s.neuron[a] - s.neuron[b]);
  return {
    neuron: Uint32Array.from(order, (i) => s.neuron[i]),
    timeMs: Float64Array.from(order, (i) => s.timeMs[i]),
    nNeurons: s.nNeurons,
    durationMs: s.durationMs,
    populations: s.populations,
  };
}

async function spikesOf(source: SpikeSource, ctx: ApiContext): Promise<SpikeRecord> {
  if (source.kind === 'spikes') return inlineRecord(source.spikes);
  if (source.kind === 'observation') return loadObservationSpikes(ctx, getObservation(ctx, source.id));
  const { path, format, durationMs, populations } = source;
  return (await importSpikeFile({ path }, format, { durationMs, populations })).record;
}

/** Saved user metrics as plain definitions (record bookkeeping fields dropped). */
function savedDefinitions(ctx: ApiContext): UserMetricDefinition[] {
  return ctx.catalogue.data.metricDefinitions.map((r) => {
    const { createdIso: _c, updatedIso: _u, ...def } = r;
    return def as UserMetricDefinition;
  });
}

function respond(
  spikes: SpikeRecord,
  opts: ComputeMetricsOptions,
  userUnits: Record<string, string>,
): MetricsComputeResponse {
  const r = computeMetricsDetailed(spikes, opts);
  const units: Record<string, string> = {};
  for (const m of METRIC_DEFINITIONS) units[m.id] = m.unit;
  const reported = new Set(Object.values(r.values).flatMap((row) => Object.keys(row)));
  return {
    values: toStoredValues(r.values),
    nanReasons: r.nanReasons,
    windowMs: r.windowMs,
    populations: r.populations,
    units: Object.fromEntries([...reported].map((id) => [id, units[id] ?? userUnits[id] ?? ''])),
  };
}

function otherUserIds(ctx: ApiContext, except?: string): string[] {
  return ctx.catalogue.data.metricDefinitions.map((d) => d.id).filter((id) => id !== except);
}

function idOf(definition: unknown): string | undefined {
  return definition && typeof definition === 'object' && 'id' in definition ? String(definition.id) : undefined;
}

export const metricsHandlers: DomainHandlers<typeof metricsCalls> = {
  'metrics:list': () => ({
    metrics: [...METRIC_DEFINITIONS],
    groups: METRIC_GROUPS.map((id) => ({ id, label: METRIC_GROUP_LABELS[id] })),
    user: {
      quantities: USER_QUANTITIES.map((id) => ({
        id,
        ...QUANTITY_DOCS[id],
        perBin: (PER_BIN_QUANTITIES as readonly string[]).includes(id),
      })),
      statistics: [...USER_STATISTICS],
      functions: Object.entries(EXPRESSION_FUNCTIONS).map(([name, f]) => ({ name, ...f })),
    },
  }),

  'metrics:compute': async (req, ctx) => {
    const spikes = await spikesOf(req.source, ctx);
    const user = req.includeUser ? savedDefinitions(ctx) : [];
    return respond(
      spikes,
      { windowMs: req.windowMs, metricIds: req.metricIds, params: req.params, userMetrics: user },
      Object.fromEntries(user.map((u) => [u.id, u.unit])),
    );
  },

  'metrics:validateUser': (req, ctx) => {
    try {
      const { def } = compileUserMetric(req.definition, otherUserIds(ctx, idOf(req.definition)));
      return { ok: true, definition: def };
    } catch (err) {
      if (!(err instanceof LodynError) || err.name !== 'ValidationError') throw err;
      const details = err.details as Partial<ExpressionErrorDetails> | undefined;
      return {
        ok: false,
        error: {
          field: err.field ?? '(root)',
          message: err.message,
          ...(typeof details?.position === 'number' ? { position: details.position, length: details.length ?? 1 } : {}),
        },
      };
    }
  },

  'metrics:preview': async (req, ctx) => {
    const { def } = compileUserMetric(req.definition, otherUserIds(ctx, idOf(req.definition)));
    const saved = savedDefinitions(ctx).filter((d) => d.id !== def.id);
    const spikes = await spikesOf(req.source, ctx);
    return respond(
      spikes,
      { windowMs: req.windowMs, metricIds: [def.id], userMetrics: [...saved, def] },
      { [def.id]: def.unit },
    );
  },

  'metrics:saveUser': async (req, ctx) => {
    const { def } = compileUserMetric(req.definition, otherUserIds(ctx, idOf(req.definition)));
    const now = new Date().toISOString();
    let saved: MetricDefinitionRecord | undefined;
    await ctx.catalogue.update((data) => {
      const prev = data.metricDefinitions.find((d) => d.id === def.id);
      saved = { ...def, createdIso: prev?.createdIso ?? now, updatedIso: now };
      data.metricDefinitions = [...data.metricDefinitions.filter((d) => d.id !== def.id), saved];
    });
    return saved!;
  },

  'metrics:listUser': (_req, ctx) => [...ctx.catalogue.data.metricDefinitions],

  'metrics:deleteUser': async (req, ctx) => {
    const defs = ctx.catalogue.data.metricDefinitions;
    if (!defs.some((d) => d.id === req.id)) throw new LodynError('NotFound', `user metric '${req.id}' does not exist`);
    const dependents = defs.filter((d) => {
      if (d.kind !== 'expression' || d.id === req.id) return false;
      return expressionRefs(parseExpression(d.expression)).some((r) => r.id === req.id);
    });
    if (dependents.length)
      throw new LodynError('Conflict', `user metric '${req.id}' is used by ${dependents.map((d) => d.id).join(', ')}`, {
        details: { dependents: dependents.map((d) => d.id) },
      });
    await ctx.catalogue.update((data) => {
      data.metricDefinitions = data.metricDefinitions.filter((d) => d.id !== req.id);
    });
    return { deleted: req.id };
  },

  'observations:import': async (req, ctx) => {
    const source = req.path
      ? { path: req.path }
      : { bytes: new Uint8Array(Buffer.from(req.bytesBase64!, 'base64')), name: req.fileName! };
    return importObservation(ctx, source, {
      name: req.name,
      format: req.format,
      durationMs: req.durationMs,
      populations: req.populations,
      metrics: { windowMs: req.windowMs, userMetrics: savedDefinitions(ctx) },
    });
  },

  'observations:list': (_req, ctx) => listObservations(ctx),

  'observations:get': async (req, ctx) => {
    const observation = getObservation(ctx, req.id);
    if (!req.includeSpikes) return { observation };
    const s = await loadObservationSpikes(ctx, observation);
    return { observation, spikes: { neuron: Array.from(s.neuron), timeMs: Array.from(s.timeMs) } };
  },

  'observations:delete': async (req, ctx) => {
    await deleteObservation(ctx, req.id);
    return { deleted: req.id };
  },
};
