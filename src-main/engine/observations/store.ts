// Observations: imported spike recordings kept in the catalogue with their metrics; spikes as Arrow IPC beside it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { notFound } from '../../../src-shared/contract/envelope';
import type { ObservationRecord, StoredMetricValues } from '../../../src-shared/catalogue/records';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import type { Catalogue } from '../catalogue/catalogue';
import { computeMetricsDetailed, type ComputeMetricsOptions, type MetricValues } from '../metrics/evaluate';
import { importSpikeFile, type SpikeFileFormat, type SpikeSource } from '../metrics/import';
import type { AssembleOptions } from '../metrics/import/assemble';

export const OBSERVATIONS_DIR = 'observations';

export interface ObservationStoreCtx {
  dataRoot: string;
  catalogue: Catalogue;
}

/** NaN cannot cross JSON; it is stored as null next to its reason. */
export function toStoredValues(values: MetricValues): StoredMetricValues {
  const out: StoredMetricValues = {};
  for (const [pop, row] of Object.entries(values)) {
    out[pop] = {};
    for (const [id, v] of Object.entries(row)) out[pop][id] = Number.isFinite(v) ? v : null;
  }
  return out;
}

export interface ImportObservationOptions extends AssembleOptions {
  name?: string;
  format?: SpikeFileFormat;
  /** Metric options (window, parameters, user metrics) for the observation's metrics. */
  metrics?: ComputeMetricsOptions;
}

/**
 * Parses the file, computes its metrics, writes its spikes (temp file + rename), then adds the record to the
 * catalogue. A bad file fails before anything is written; a failed catalogue write removes the spikes file, so no
 * half-written observation remains.
 */
export async function importObservation(
  ctx: ObservationStoreCtx,
  source: SpikeSource,
  opts: ImportObservationOptions = {},
): Promise<ObservationRecord> {
  const imported = await importSpikeFile(source, opts.format, opts);
  const result = computeMetricsDetailed(imported.record, opts.metrics);
  const id = `obs-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const spikesFile = `${OBSERVATIONS_DIR}/${id}.arrow`;
  const sourceName = 'path' in source ? path.basename(source.path) : source.name;
  const rec = imported.record;
  const record: ObservationRecord = {
    id,
    createdIso: new Date().toISOString(),
    name: opts.name?.trim() || sourceName,
    format: imported.format,
    sourceName,
    nNeurons: rec.nNeurons,
    nSpikes: rec.neuron.length,
    durationMs: rec.durationMs,
    populations: rec.populations,
    ...(rec.sourceIds ? { sourceIds: Array.from(rec.sourceIds) } : {}),
    spikesFile,
    windowMs: result.windowMs,
    metrics: toStoredValues(result.values),
    nanReasons: result.nanReasons,
    warnings: imported.warnings,
  };
  const abs = path.join(ctx.dataRoot, spikesFile);
  await mkdir(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    const table = tableFromArrays({ neuron: rec.neuron, time_ms: rec.timeMs });
    await writeFile(tmp, tableToIPC(table, 'file'));
    await rename(tmp, abs);
    await ctx.catalogue.update((data) => {
      data.observations.push(record);
    });
  } catch (err) {
    await rm(tmp, { force: true });
    await rm(abs, { force: true });
    throw err;
  }
  return record;
}

export function listObservations(ctx: ObservationStoreCtx): ObservationRecord[] {
  return [...ctx.catalogue.data.observations];
}

export function getObservation(ctx: ObservationStoreCtx, id: string): ObservationRecord {
  const rec = ctx.catalogue.data.observations.find((o) => o.id === id);
  if (!rec) throw notFound('observation', id);
  return rec;
}

/** Reads an observation's spikes back into a SpikeRecord. */
export async function loadObservationSpikes(ctx: ObservationStoreCtx, rec: ObservationRecord): Promise<SpikeRecord> {
  const table = tableFromIPC(await readFile(path.join(ctx.dataRoot, rec.spikesFile)));
  const neuron = table.getChild('neuron')!.toArray() as Uint32Array;
  const timeMs = table.getChild('time_ms')!.toArray() as Float64Array;
  return {
    neuron: Uint32Array.from(neuron),
    timeMs: Float64Array.from(timeMs),
    nNeurons: rec.nNeurons,
    durationMs: rec.durationMs,
    populations: rec.populations,
    ...(rec.sourceIds ? { sourceIds: Uint32Array.from(rec.sourceIds) } : {}),
  };
}

/** Removes the record first (so a crash never leaves a record without spikes), then the spikes file. */
export async function deleteObservation(ctx: ObservationStoreCtx, id: string): Promise<void> {
  const rec = getObservation(ctx, id);
  await ctx.catalogue.update((data) => {
    data.observations = data.observations.filter((o) => o.id !== id);
  });
  await rm(path.join(ctx.dataRoot, rec.spikesFile), { force: true });
}
