// Opens HDF5 files with h5wasm (WebAssembly, no native build): from a path, or from bytes via a temporary file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validationError } from '../../../../src-shared/contract/envelope';

type H5 = typeof import('h5wasm/node');
export type H5File = InstanceType<H5['File']>;
export type H5Dataset = InstanceType<H5['Dataset']>;

let h5: Promise<H5> | null = null;
let loaded: H5 | null = null;

/** Loads h5wasm once per process. */
export function loadH5(): Promise<H5> {
  h5 ??= import('h5wasm/node').then(async (mod) => {
    await mod.ready;
    loaded = mod;
    return mod;
  });
  return h5;
}

/** Runs `body` on the opened file and always closes it (and removes a temporary copy). */
export async function withHdf5<T>(
  source: { path: string } | { bytes: Uint8Array; name: string },
  body: (f: H5File) => T,
): Promise<T> {
  const mod = await loadH5();
  let dir: string | null = null;
  let file = 'path' in source ? source.path : '';
  if ('bytes' in source) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lodyn-h5-'));
    file = path.join(dir, 'upload.h5');
    await writeFile(file, source.bytes);
  }
  let f: H5File;
  try {
    f = new mod.File(file, 'r');
    if (!f.file_id || f.file_id < 0n) throw new Error('not an HDF5 file');
  } catch (err) {
    if (dir) await rm(dir, { recursive: true, force: true });
    throw validationError('file', `cannot open as HDF5: ${(err as Error).message ?? String(err)}`);
  }
  try {
    return body(f);
  } finally {
    f.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the entity at `p` is a dataset (h5wasm is loaded by the time a file is open). */
export function isDataset(f: H5File, p: string): boolean {
  return loaded !== null && f.get(p) instanceof loaded.Dataset;
}

export function isGroup(f: H5File, p: string): boolean {
  return loaded !== null && f.get(p) instanceof loaded.Group;
}

/** A dataset at `p`, or a ValidationError naming the missing path. */
export function dataset(f: H5File, p: string): H5Dataset {
  if (!isDataset(f, p)) throw validationError(`/${p}`, `dataset /${p} is missing`);
  return f.get(p) as H5Dataset;
}

/** A numeric dataset's values as doubles (int64 comes back as BigInt). */
export function numbers(d: H5Dataset): Float64Array {
  const v = d.value;
  if (v === null || typeof v !== 'object' || !('length' in v))
    throw validationError(d.path, `dataset ${d.path} is not numeric`);
  const arr = v as ArrayLike<number | bigint>;
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    out[i] = typeof x === 'bigint' ? Number(x) : Number(x);
  }
  return out;
}

/** A string attribute or dataset value, if present. */
export function attr(f: H5File, p: string, name: string): string | undefined {
  if (!isDataset(f, p) && !isGroup(f, p)) return undefined;
  const a = (f.get(p) as H5Dataset).attrs[name];
  if (!a) return undefined;
  const v = a.json_value;
  return Array.isArray(v) ? String(v[0]) : String(v);
}
