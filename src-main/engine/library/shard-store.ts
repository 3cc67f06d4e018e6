// The library folder: library.json, and per shard an Arrow IPC table, packed spikes and a checksummed manifest.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromArrays, tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { LibrarySpec } from '../../../src-shared/space/library-spec';

import { RUN_STATUSES, type RunStatus } from '../../../src-shared/space/library-types';

export { RUN_STATUSES, type RunStatus };

/** One stored run: the row of its shard's table. */
export interface RunRow {
  index: number;
  seed: number;
  /** Free then derived parameter values (choice: index). Shape [nParams]. */
  params: number[];
  /** Metric values in the library's metric order; NaN when not computed. Shape [nMetrics]. */
  metrics: number[];
  status: RunStatus;
  wallMs: number;
  nSpikes: number;
}

/** What library.json holds: enough to re-make any run and to check merged slices. */
export interface LibraryManifest {
  formatVersion: 1;
  id: string;
  spec: LibrarySpec;
  /** sha256 of the canonical spec JSON: slices merge only when these agree. */
  specHash: string;
  paramIds: string[];
  metricIds: string[];
  createdIso: string;
  appVersion: string;
  /** Set when this folder holds only slice `index` of `count` (shards s with s % count === index). */
  slice?: { index: number; count: number };
}

export interface ShardManifest {
  shard: number;
  firstRun: number;
  nRuns: number;
  nSpikes: number;
  arrowBytes: number;
  spikesBytes: number;
  arrowSha256: string;
  spikesSha256: string;
  specHash: string;
  createdIso: string;
}

export const LIBRARY_FILE = 'library.json';
export const SHARDS_DIR = 'shards';

export function shardBase(shard: number): string {
  return `shard-${String(shard).padStart(6, '0')}`;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Canonical JSON (sorted keys) so that equal specs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Writes `data` to a temporary name beside `file`, then renames: readers see the old file or the whole new one. */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function writeLibraryManifest(dir: string, manifest: LibraryManifest): Promise<void> {
  await mkdir(path.join(dir, SHARDS_DIR), { recursive: true });
  await writeAtomic(path.join(dir, LIBRARY_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readLibraryManifest(dir: string): Promise<LibraryManifest> {
  const text = await readFile(path.join(dir, LIBRARY_FILE), 'utf8');
  const m = JSON.parse(text) as LibraryManifest;
  if (m.formatVersion !== 1) throw new Error(`${dir}: unsupported library format ${String(m.formatVersion)}`);
  return m;
}

/** Builds the Arrow table of one shard: runIndex, seed, parameters, metrics, status, wallMs, nSpikes. */
export function shardTable(rows: RunRow[], paramIds: string[], metricIds: string[]): Table {
  const cols: Record<string, Uint32Array | Float64Array | string[]> = {
    runIndex: Uint32Array.from(rows, (r) => r.index),
    seed: Uint32Array.from(rows, (r) => r.seed),
  };
  paramIds.forEach((id, k) => (cols[id] = Float64Array.from(rows, (r) => r.params[k])));
  metricIds.forEach((id, k) => (cols[id] = Float64Array.from(rows, (r) => r.metrics[k])));
  cols.status = rows.map((r) => r.status);
  cols.wallMs = Float64Array.from(rows, (r) => r.wallMs);
  cols.nSpikes = Uint32Array.from(rows, (r) => r.nSpikes);
  return tableFromArrays(cols);
}

/**
 * Writes one complete shard: table and spikes under temporary names, renamed, then the manifest (renamed last).
 * A shard is complete exactly when its manifest exists and its checksums match; a crash leaves it absent.
 */
export async function writeShard(
  dir: string,
  lib: Pick<LibraryManifest, 'paramIds' | 'metricIds' | 'specHash'>,
  shard: number,
  firstRun: number,
  rows: RunRow[],
  spikes: Uint8Array,
): Promise<ShardManifest> {
  const base = path.join(dir, SHARDS_DIR, shardBase(shard));
  const arrow = tableToIPC(shardTable(rows, lib.paramIds, lib.metricIds), 'file');
  await writeAtomic(`${base}.arrow`, arrow);
  await writeAtomic(`${base}.spikes`, spikes);
  const manifest: ShardManifest = {
    shard,
    firstRun,
    nRuns: rows.length,
    nSpikes: rows.reduce((s, r) => s + r.nSpikes, 0),
    arrowBytes: arrow.length,
    spikesBytes: spikes.length,
    arrowSha256: sha256(arrow),
    spikesSha256: sha256(spikes),
    specHash: lib.specHash,
    createdIso: new Date().toISOString(),
  };
  await writeAtomic(`${base}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface ShardProblem {
  shard: number;
  message: string;
}

/** Indices of shards whose manifest exists (not yet verified). */
export async function listShardManifests(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, SHARDS_DIR));
  } catch {
    return [];
  }
  return names
    .map((n) => /^shard-(\d{6,})\.json$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files left by a crash (they are never part of a complete shard). */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, SHARDS_DIR));
  } catch {
    return 0;
  }
  // Temp names carry the writer's pid: only files of processes that no longer run are stale (slices of one library
  // may be generated by several live processes into the same folder).
  const stale = names.filter((n) => {
    const m = /\.tmp-(\d+)-/.exec(n);
    return m !== null && !processAlive(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(path.join(dir, SHARDS_DIR, n), { force: true })));
  return stale.length;
}

export interface LoadedShard {
  manifest: ShardManifest;
  table: Table;
  /** The packed spikes file, kept only when asked for. */
  spikes?: Uint8Array;
}

/** Reads and verifies one shard (checksums, sizes, spec hash, row count); throws with the reason when corrupt. */
export async function readShard(
  dir: string,
  shard: number,
  specHash: string,
  opts: { spikes?: boolean; verifySpikes?: boolean } = {},
): Promise<LoadedShard> {
  const base = path.join(dir, SHARDS_DIR, shardBase(shard));
  const manifest = JSON.parse(await readFile(`${base}.json`, 'utf8')) as ShardManifest;
  if (manifest.specHash !== specHash) throw new Error('shard belongs to a different library spec');
  const arrow = await readFile(`${base}.arrow`);
  if (arrow.length !== manifest.arrowBytes || sha256(arrow) !== manifest.arrowSha256) {
    throw new Error('table checksum mismatch');
  }
  let spikes: Uint8Array | undefined;
  if (opts.spikes || opts.verifySpikes !== false) {
    spikes = await readFile(`${base}.spikes`);
    if (spikes.length !== manifest.spikesBytes || sha256(spikes) !== manifest.spikesSha256) {
      throw new Error('spikes checksum mismatch');
    }
  }
  const table = tableFromIPC(arrow);
  if (table.numRows !== manifest.nRuns)
    throw new Error(`table has ${table.numRows} rows, manifest says ${manifest.nRuns}`);
  return { manifest, table, ...(opts.spikes ? { spikes } : {}) };
}
