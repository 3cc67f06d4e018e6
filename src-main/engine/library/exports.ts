// Library exports (CSV, Arrow/Feather, HDF5 with SONATA spikes, spec JSON, folder) and folder import and merge.
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { validationError } from '../../../src-shared/contract/envelope';
import { shardCount } from '../../../src-shared/space/library-spec';
import type { LibraryTable } from './library-table';
import {
  readShard,
  readLibraryManifest,
  RUN_STATUSES,
  SHARDS_DIR,
  writeAtomic,
  writeLibraryManifest,
  listShardManifests,
  type LibraryManifest,
} from './shard-store';
import { decodeSpikes, spikeBlobAt } from './spike-codec';
import { ownedShards } from './generator';

export const EXPORT_FORMATS = ['csv', 'arrow', 'hdf5', 'spec', 'folder'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function columnIds(t: LibraryTable): string[] {
  return [...t.columns.keys()];
}

/** CSV of parameters and metrics (one row per run, run order; empty cell for NaN; choice columns hold the index). */
export function tableToCsv(t: LibraryTable): string {
  const ids = columnIds(t);
  const lines = [[...ids, 'status'].join(',')];
  for (let i = 0; i < t.nRows; i++) {
    const cells = ids.map((id) => {
      const v = t.columns.get(id)![i];
      // 17 significant digits round-trip every double exactly.
      return Number.isNaN(v) ? '' : Number.isInteger(v) ? String(v) : v.toPrecision(17).replace(/\.?0+(e|$)/, '$1');
    });
    cells.push(RUN_STATUSES[t.status[i]]);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** One Arrow IPC file (Feather v2) of all runs: pandas.read_feather and polars.read_ipc open it. */
export function tableToArrow(t: LibraryTable): Uint8Array {
  const cols: Record<string, Uint32Array | Float64Array | string[]> = {};
  for (const [id, col] of t.columns) {
    cols[id] = id === 'runIndex' || id === 'seed' || id === 'nSpikes' ? Uint32Array.from(col) : col;
  }
  cols.status = Array.from(t.status, (s) => RUN_STATUSES[s]);
  return tableToIPC(tableFromArrays(cols), 'file');
}

/**
 * HDF5 via h5wasm: `/runs/<column>` datasets (units as attributes), `/library` attributes with the spec JSON, and per
 * run a SONATA spikes group `/spikes_by_run/<runIndex>/spikes/<population>/{timestamps, node_ids}` (sorting by_time;
 * node_ids are recorded-neuron indices within the population; `source_ids` maps them to network ids when a subset
 * was recorded).
 */
export async function exportHdf5(
  dir: string,
  t: LibraryTable,
  out: string,
  opts: { spikes?: boolean; maxRuns?: number } = {},
): Promise<void> {
  const h5 = await import('h5wasm/node');
  await h5.ready;
  const file = new h5.File(out, 'w');
  try {
    file.create_attribute('lodyn_spec', JSON.stringify(t.manifest.spec));
    file.create_attribute('lodyn_library_id', t.manifest.id);
    const runs = file.create_group('runs');
    for (const [id, col] of t.columns) {
      const ds = runs.create_dataset({ name: id, data: col });
      const meta = t.meta.find((m) => m.id === id);
      ds.create_attribute('units', meta?.unit ?? '');
      ds.create_attribute('kind', meta?.kind ?? '');
    }
    runs.create_dataset({ name: 'status', data: Array.from(t.status, (s) => RUN_STATUSES[s]) });
    if (opts.spikes === false) return;
    const byRun = file.create_group('spikes_by_run');
    const maxRuns = Math.min(t.nRows, opts.maxRuns ?? Infinity);
    let cachedShard = -1;
    let cachedSpikes: Uint8Array | null = null;
    for (let row = 0; row < maxRuns; row++) {
      if (t.shard[row] !== cachedShard) {
        cachedShard = t.shard[row];
        cachedSpikes = (await readShard(dir, cachedShard, t.manifest.specHash, { spikes: true })).spikes!;
      }
      const rec = decodeSpikes(spikeBlobAt(cachedSpikes!, t.position[row]));
      const runGroup = byRun.create_group(String(t.columns.get('runIndex')![row]).padStart(7, '0'));
      const spikes = runGroup.create_group('spikes');
      const pops = rec.populations.length ? rec.populations : [{ name: 'all', start: 0, count: rec.nNeurons }];
      for (const pop of pops) {
        const idx: number[] = [];
        for (let s = 0; s < rec.neuron.length; s++)
          if (rec.neuron[s] >= pop.start && rec.neuron[s] < pop.start + pop.count) idx.push(s);
        const g = spikes.create_group(pop.name);
        g.create_attribute('sorting', 'by_time');
        const ts = g.create_dataset({
          name: 'timestamps',
          data: Float64Array.from(idx, (s) => rec.timeMs[s]),
          ...gzip(idx.length),
        });
        ts.create_attribute('units', 'ms');
        g.create_dataset({
          name: 'node_ids',
          data: BigUint64Array.from(idx, (s) => BigInt(rec.neuron[s] - pop.start)),
          ...gzip(idx.length),
        });
        if (rec.sourceIds) {
          g.create_dataset({
            name: 'source_ids',
            data: BigUint64Array.from({ length: pop.count }, (_, k) => BigInt(rec.sourceIds![pop.start + k])),
          });
        }
      }
    }
  } finally {
    file.close();
  }
}

/** Chunked gzip (level 4, readable by every HDF5 build) for datasets big enough to gain from it. */
function gzip(length: number): { chunks?: number[]; compression?: 'gzip'; compression_opts?: number } {
  return length >= 256 ? { chunks: [Math.min(length, 65536)], compression: 'gzip', compression_opts: 4 } : {};
}

/** Writes one export; returns the bytes written (folder: total of copied files). */
export async function exportLibrary(dir: string, t: LibraryTable, format: ExportFormat, out: string): Promise<number> {
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  switch (format) {
    case 'csv': {
      const text = tableToCsv(t);
      await writeAtomic(out, text);
      return Buffer.byteLength(text);
    }
    case 'arrow': {
      const bytes = tableToArrow(t);
      await writeAtomic(out, bytes);
      return bytes.length;
    }
    case 'spec': {
      const text = `${JSON.stringify(t.manifest.spec, null, 2)}\n`;
      await writeAtomic(out, text);
      return Buffer.byteLength(text);
    }
    case 'hdf5': {
      await exportHdf5(dir, t, out);
      const { stat } = await import('node:fs/promises');
      return (await stat(out)).size;
    }
    case 'folder': {
      await cp(dir, out, {
        recursive: true,
        errorOnExist: true,
        force: false,
        filter: (src) => !src.includes('.tmp-'),
      });
      return t.bytes.arrow + t.bytes.spikes;
    }
  }
}

/** Checks that a folder is a library (manifest readable); returns its manifest. */
export async function inspectLibraryFolder(folder: string): Promise<LibraryManifest> {
  try {
    return await readLibraryManifest(folder);
  } catch (err) {
    throw validationError('path', `${folder} is not a lodyn library folder (${(err as Error).message})`);
  }
}

export interface MergeReport {
  shards: number;
  /** Shards present in more than one slice (identical copies are accepted once; differing ones are an error). */
  duplicates: number[];
  missing: number[];
}

/**
 * Merges slice folders into `out`: specs must hash equal, every shard must be present once (verified checksums),
 * and the merged manifest drops the slice. Throws naming the problem when a run would be missing or doubled.
 */
export async function mergeLibraryFolders(folders: string[], out: string, newId: string): Promise<MergeReport> {
  if (!folders.length) throw validationError('paths', 'give at least one library folder to merge');
  const manifests = await Promise.all(folders.map(inspectLibraryFolder));
  const first = manifests[0];
  manifests.forEach((m, i) => {
    if (m.specHash !== first.specHash) {
      throw validationError(
        `paths[${i}]`,
        `${folders[i]} has a different library spec (hash ${m.specHash.slice(0, 12)} ≠ ${first.specHash.slice(0, 12)})`,
      );
    }
  });
  const owner = new Map<number, number>();
  const duplicates: number[] = [];
  for (let i = 0; i < folders.length; i++) {
    for (const s of await listShardManifests(folders[i])) {
      await readShard(folders[i], s, first.specHash).catch((err: Error) => {
        throw validationError(`paths[${i}]`, `${folders[i]}: shard ${s} is corrupt (${err.message})`);
      });
      if (owner.has(s)) duplicates.push(s);
      else owner.set(s, i);
    }
  }
  const total = shardCount(first.spec);
  const missing = Array.from({ length: total }, (_, s) => s).filter((s) => !owner.has(s));
  if (duplicates.length) {
    throw validationError('paths', `shards present in more than one folder: ${duplicates.slice(0, 10).join(', ')}`, {
      duplicates,
    });
  }
  if (missing.length) {
    throw validationError(
      'paths',
      `${missing.length} shard(s) missing, e.g. ${missing.slice(0, 10).join(', ')}: generate the missing slices first`,
      { missing },
    );
  }
  const merged: LibraryManifest = { ...first, id: newId, createdIso: new Date().toISOString() };
  delete merged.slice;
  await writeLibraryManifest(out, merged);
  for (const [s, i] of owner) {
    for (const ext of ['arrow', 'spikes', 'json']) {
      const name = `shard-${String(s).padStart(6, '0')}.${ext}`;
      await cp(path.join(folders[i], SHARDS_DIR, name), path.join(out, SHARDS_DIR, name));
    }
  }
  return { shards: owner.size, duplicates, missing };
}

/** A SLURM job-array script: each task generates slice $SLURM_ARRAY_TASK_ID of n; a final step merges. */
export function slurmScript(opts: {
  shards: number;
  spaceFile: string;
  runs: number;
  seeds: number;
  design: string;
  name: string;
  cpusPerTask?: number;
  timeLimit?: string;
}): string {
  const n = opts.shards;
  return `#!/bin/bash
# Generated by \`lodyn library slurm --shards ${n}\`. Submit with: sbatch thisfile.sh
# Each array task generates one slice into slices/slice-<i>; when all are done, merge them:
#   lodyn library merge slices/slice-* --name "${opts.name}"
#SBATCH --job-name=lodyn-${opts.name.replace(/[^A-Za-z0-9_-]/g, '_')}
#SBATCH --array=0-${n - 1}
#SBATCH --cpus-per-task=${opts.cpusPerTask ?? 8}
#SBATCH --time=${opts.timeLimit ?? '12:00:00'}
#SBATCH --output=slices/slurm-%A_%a.log
set -euo pipefail
mkdir -p slices
# Re-submitting the same array resumes: complete shards are kept, missing ones are re-made.
lodyn library create --space ${JSON.stringify(opts.spaceFile)} --runs ${opts.runs} --seeds ${opts.seeds} \\
  --design ${opts.design} --name ${JSON.stringify(opts.name)} \\
  --shard "\${SLURM_ARRAY_TASK_ID}/${n}" --out "slices/slice-\${SLURM_ARRAY_TASK_ID}"
`;
}

/** Shards of a manifest that a folder is missing. */
export async function missingShardsOf(folder: string, m: LibraryManifest): Promise<number[]> {
  const have = new Set(await listShardManifests(folder));
  return ownedShards(m).filter((s) => !have.has(s));
}
