// Turns imported (neuron id, time, population) events into a time-sorted SpikeRecord with contiguous neuron indices.
import { validationError } from '../../../../src-shared/contract/envelope';
import type { PopulationRange, SpikeRecord } from '../../../../src-shared/model/spikes';

export interface ImportedSpikes {
  record: SpikeRecord;
  warnings: string[];
}

export interface AssembleOptions {
  /** Recording length, ms; default: the last spike time + 1 ms (a warning says so). */
  durationMs?: number;
  /** Neuron-id ranges per population (`E:0-799,I:800-999`), overriding the file's populations. */
  populations?: string;
}

/** Parses `NAME:FIRST-LAST[,NAME:FIRST-LAST…]` (inclusive id ranges). */
export function parsePopulationSpec(spec: string): { name: string; first: number; last: number }[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw validationError('populations', 'expected NAME:FIRST-LAST[,NAME:FIRST-LAST…], got nothing');
  const out = parts.map((part) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*):(\d+)-(\d+)$/.exec(part);
    if (!m) throw validationError('populations', `'${part}' is not NAME:FIRST-LAST (e.g. E:0-799)`);
    const first = Number(m[2]);
    const last = Number(m[3]);
    if (last < first) throw validationError('populations', `'${part}': last id ${last} is below first id ${first}`);
    return { name: m[1], first, last };
  });
  const sorted = [...out].sort((a, b) => a.first - b.first);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].first <= sorted[i - 1].last)
      throw validationError('populations', `ranges of ${sorted[i - 1].name} and ${sorted[i].name} overlap`);
  return out;
}

/**
 * Builds the record. `ids[s]`, `timesMs[s]`, `pops[s]` describe spike s (pops may be undefined: one population).
 * Neurons are indexed population by population (in order of appearance), ids ascending within each; without a
 * population column, index = id and ids up to the largest count as recorded (silent ones included).
 * `where(s)` names spike s's origin (row, element) for error messages.
 */
export function assembleRecord(
  ids: Float64Array,
  timesMs: Float64Array,
  pops: string[] | undefined,
  opts: AssembleOptions,
  where: (s: number) => string,
): ImportedSpikes {
  const warnings: string[] = [];
  const n = ids.length;
  let maxT = -Infinity;
  for (let s = 0; s < n; s++) if (timesMs[s] > maxT) maxT = timesMs[s];
  let durationMs = opts.durationMs;
  if (durationMs === undefined) {
    durationMs = n ? Math.floor(maxT) + 1 : 1;
    warnings.push(`no duration given: using the last spike time + 1 ms (${durationMs} ms)`);
  } else if (n && maxT >= durationMs) {
    const s = timesMs.indexOf(maxT);
    throw validationError(where(s), `spike time ${maxT} ms is not before the duration ${durationMs} ms`);
  }

  let popOfSpike = pops;
  if (opts.populations) {
    const spec = parsePopulationSpec(opts.populations);
    popOfSpike = new Array<string>(n);
    for (let s = 0; s < n; s++) {
      const r = spec.find((p) => ids[s] >= p.first && ids[s] <= p.last);
      if (!r) throw validationError(where(s), `neuron ${ids[s]} lies in no population of '${opts.populations}'`);
      popOfSpike[s] = r.name;
    }
    // Declared ranges define the neurons, silent ones included.
    const populations: PopulationRange[] = [];
    const index = new Map<number, number>();
    const sourceIds: number[] = [];
    for (const p of spec) {
      populations.push({ name: p.name, start: sourceIds.length, count: p.last - p.first + 1 });
      for (let id = p.first; id <= p.last; id++) {
        index.set(id, sourceIds.length);
        sourceIds.push(id);
      }
    }
    return finish(ids, timesMs, (id) => index.get(id)!, sourceIds, populations, durationMs, warnings);
  }

  if (!popOfSpike) {
    let maxId = -1;
    for (let s = 0; s < n; s++) if (ids[s] > maxId) maxId = ids[s];
    return finish(ids, timesMs, (id) => id, undefined, [], durationMs, warnings);
  }

  const popNames: string[] = [];
  const idsByPop = new Map<string, Set<number>>();
  const popOfId = new Map<number, string>();
  for (let s = 0; s < n; s++) {
    const p = popOfSpike[s];
    const prev = popOfId.get(ids[s]);
    if (prev !== undefined && prev !== p)
      throw validationError(where(s), `neuron ${ids[s]} is in population '${p}' here but in '${prev}' before`);
    popOfId.set(ids[s], p);
    if (!idsByPop.has(p)) {
      idsByPop.set(p, new Set());
      popNames.push(p);
    }
    idsByPop.get(p)!.add(ids[s]);
  }
  const populations: PopulationRange[] = [];
  const sourceIds: number[] = [];
  const index = new Map<number, number>();
  for (const p of popNames) {
    const sorted = [...idsByPop.get(p)!].sort((a, b) => a - b);
    populations.push({ name: p, start: sourceIds.length, count: sorted.length });
    for (const id of sorted) {
      index.set(id, sourceIds.length);
      sourceIds.push(id);
    }
  }
  warnings.push('populations come from the file: only neurons that spike are known, silent neurons are not counted');
  return finish(ids, timesMs, (id) => index.get(id)!, sourceIds, populations, durationMs, warnings);
}

function finish(
  ids: Float64Array,
  timesMs: Float64Array,
  indexOf: (id: number) => number,
  sourceIds: number[] | undefined,
  populations: PopulationRange[],
  durationMs: number,
  warnings: string[],
): ImportedSpikes {
  const n = ids.length;
  const neuronOf = new Uint32Array(n);
  let nNeurons = sourceIds ? sourceIds.length : 0;
  for (let s = 0; s < n; s++) {
    neuronOf[s] = indexOf(ids[s]);
    if (!sourceIds && neuronOf[s] + 1 > nNeurons) nNeurons = neuronOf[s] + 1;
  }
  const order = new Uint32Array(n);
  for (let s = 0; s < n; s++) order[s] = s;
  order.sort((a, b) => timesMs[a] - timesMs[b] || neuronOf[a] - neuronOf[b]);
  const record: SpikeRecord = {
    neuron: Uint32Array.from(order, (s) => neuronOf[s]),
    timeMs: Float64Array.from(order, (s) => timesMs[s]),
    nNeurons,
    durationMs,
    populations,
  };
  if (sourceIds && sourceIds.some((id, k) => id !== k)) record.sourceIds = Uint32Array.from(sourceIds);
  return { record, warnings };
}
