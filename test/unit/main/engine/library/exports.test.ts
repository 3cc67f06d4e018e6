// Exports read back by other readers (h5py and numpy when Debian python3-h5py is installed, apache-arrow, a CSV parse),
// slice merge, folder import, all through the contract handlers as the hosts call them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../src-main/api';
import { createHostContext } from '../../../../../src-main/api/context';
import { createDispatch } from '../../../../../src-main/api/dispatch';
import { setLibraryRuntime } from '../../../../../src-main/engine/library/runtime';
import { unwrap } from '../../../../../src-shared/contract/envelope';
import type { CallName, CallRequest, CallResponse } from '../../../../../src-shared/contract/channels';
import { exampleSpace } from '../../../../../src-shared/space';
import { fakeRuntime } from './fake-sim';

let root: string;
let call: <N extends CallName>(name: N, req: CallRequest<N>) => Promise<CallResponse<N>>;
let libId: string;
const spec = { name: 'exp', space: exampleSpace(), nSets: 20, seedsPerSet: 1, seed: 3, runsPerShard: 8 };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lodyn-exp-'));
  setLibraryRuntime(fakeRuntime());
  const ctx = await createHostContext({ host: 'cli', dataRoot: path.join(root, 'home') });
  const dispatch = createDispatch(createHandlers(), ctx);
  call = async (name, req) => unwrap(await dispatch(name, req)) as never;
  const res = await call('library:create', { spec, wait: true });
  libId = res.library.id;
  expect(res.job?.status).toBe('done');
});
afterAll(async () => {
  setLibraryRuntime(null);
  await rm(root, { recursive: true, force: true });
});

const hasH5py = spawnSync('/usr/bin/python3', ['-c', 'import h5py, numpy'], { stdio: 'ignore' }).status === 0;

describe('exports', () => {
  it('CSV holds every run with exact values', async () => {
    const out = path.join(root, 'runs.csv');
    await call('library:export', { id: libId, format: 'csv', out });
    const [header, ...lines] = (await readFile(out, 'utf8')).trim().split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 3)).toEqual(['runIndex', 'seed', 'wE']);
    expect(lines).toHaveLength(20);
    const page = await call('library:query', {
      id: libId,
      limit: 100,
      columns: ['runIndex', 'wE', 'rateHz', 'status'],
    });
    lines.forEach((line, i) => {
      const cells = line.split(',');
      expect(Number(cells[cols.indexOf('runIndex')])).toBe(page.rows[i][0]);
      expect(Number(cells[cols.indexOf('wE')])).toBe(page.rows[i][1]);
      const rate = cells[cols.indexOf('rateHz')];
      expect(rate === '' ? null : Number(rate)).toBe(page.rows[i][2]);
      expect(cells[cols.indexOf('status')]).toBe(page.rows[i][3]);
    });
  });

  it('Arrow file opens as an IPC file with the same columns', async () => {
    const out = path.join(root, 'runs.arrow');
    await call('library:export', { id: libId, format: 'arrow', out });
    const t = tableFromIPC(await readFile(out));
    expect(t.numRows).toBe(20);
    const page = await call('library:query', { id: libId, limit: 100, columns: ['runIndex', 'tauM'] });
    expect(Array.from(t.getChild('tauM')!.toArray() as Float64Array)).toEqual(page.rows.map((r) => r[1]));
    expect(t.getChild('status')!.get(0)).toMatch(/ok|rejected/);
    // Feather v2 files start and end with the Arrow magic.
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 6).toString()).toBe('ARROW1');
  });

  it.skipIf(!hasH5py)('HDF5 opens in h5py with parameter tables and SONATA spikes per run', async () => {
    const out = path.join(root, 'lib.h5');
    await call('library:export', { id: libId, format: 'hdf5', out });
    const run = await call('library:run', { id: libId, runIndex: 1 });
    const script = `
import h5py, json, sys
f = h5py.File(sys.argv[1], 'r')
g = f['spikes_by_run/0000001/spikes']
out = {
  'runIndex': f['runs/runIndex'][:].tolist(),
  'wE': f['runs/wE'][:].tolist(),
  'wEunits': f['runs/wE'].attrs['units'],
  'status': [s.decode() if isinstance(s, bytes) else s for s in f['runs/status'][:]],
  'pops': sorted(g.keys()),
  'sorting': g['E'].attrs['sorting'],
  'E_t': g['E/timestamps'][:].tolist(),
  'E_ids': g['E/node_ids'][:].tolist(),
  'I_ids': g['I/node_ids'][:].tolist(),
  'spec': json.loads(f.attrs['lodyn_spec'])['name'],
}
print(json.dumps(out))
`;
    const got = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, out], { encoding: 'utf8' })) as Record<
      string,
      unknown
    >;
    expect(got.runIndex).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(got.wEunits).toBe('g_L');
    expect((got.wE as number[])[1]).toBe(run.params.wE);
    expect(got.pops).toEqual(['E', 'I']);
    expect(got.sorting).toBe('by_time');
    expect(got.spec).toBe('exp');
    const eTimes = run.spikes.timeMs.filter((_, k) => run.spikes.neuron[k] < 48);
    expect(got.E_t).toEqual(eTimes);
    const iIds = run.spikes.neuron.filter((n) => n >= 48).map((n) => n - 48);
    expect(got.I_ids).toEqual(iIds);
  });

  it('spec JSON re-creates an identical library', async () => {
    const out = path.join(root, 'spec.json');
    await call('library:export', { id: libId, format: 'spec', out });
    const again = await call('library:create', { spec: JSON.parse(await readFile(out, 'utf8')), wait: true });
    const a = await call('library:query', { id: libId, limit: 100, columns: ['seed', 'wE', 'rateHz'] });
    const b = await call('library:query', { id: again.library.id, limit: 100, columns: ['seed', 'wE', 'rateHz'] });
    expect(b.rows).toEqual(a.rows);
  });

  it('a folder export imports into another installation', async () => {
    const out = path.join(root, 'exported-folder');
    await call('library:export', { id: libId, format: 'folder', out });
    const ctx2 = await createHostContext({ host: 'cli', dataRoot: path.join(root, 'home2') });
    const dispatch2 = createDispatch(createHandlers(), ctx2);
    const rec = unwrap(await dispatch2('library:import', { path: out })) as CallResponse<'library:import'>;
    expect(rec.counts.runsStored).toBe(20);
    expect(rec.status).toBe('complete');
    const r = unwrap(await dispatch2('library:run', { id: rec.id, runIndex: 4 })) as CallResponse<'library:run'>;
    expect(r.spikes).toEqual((await call('library:run', { id: libId, runIndex: 4 })).spikes);
  });
});

describe('slices and merge', () => {
  it('two slices merge into the full library; a missing slice or a different spec is refused', async () => {
    const s0 = path.join(root, 'slice-0');
    const s1 = path.join(root, 'slice-1');
    await call('library:create', { spec, wait: true, shard: { index: 0, count: 2 }, out: s0 });
    // Re-running a slice into its folder resumes it (nothing left to make) instead of failing.
    const again = await call('library:create', { spec, wait: true, shard: { index: 0, count: 2 }, out: s0 });
    expect(again.library.counts.runsStored).toBe(8 + 4);
    await expect(call('library:merge', { paths: [s0] })).rejects.toThrow(/shard\(s\) missing/);
    await call('library:create', { spec, wait: true, shard: { index: 1, count: 2 }, out: s1 });
    await expect(call('library:merge', { paths: [s0, s0] })).rejects.toThrow(/more than one folder/);
    const merged = await call('library:merge', { paths: [s0, s1], name: 'merged' });
    expect(merged.shards).toBe(3);
    expect(merged.library.counts.runsStored).toBe(20);
    const a = await call('library:query', { id: libId, limit: 100, columns: ['runIndex', 'seed', 'wE', 'nSpikes'] });
    const b = await call('library:query', {
      id: merged.library.id,
      limit: 100,
      columns: ['runIndex', 'seed', 'wE', 'nSpikes'],
    });
    expect(b.rows).toEqual(a.rows);
    const other = path.join(root, 'slice-other');
    await call('library:create', { spec: { ...spec, seed: 4 }, wait: true, shard: { index: 1, count: 2 }, out: other });
    await expect(call('library:merge', { paths: [s0, other] })).rejects.toThrow(/different library spec/);
  });

  it('rejects bad requests naming the field', async () => {
    await expect(call('library:create', { spec: { ...spec, nSets: 0 } })).rejects.toMatchObject({
      field: 'spec.nSets',
    });
    await expect(call('library:query', { id: libId, filters: [{ column: 'nope' }] })).rejects.toThrow(/unknown column/);
    await expect(call('library:get', { id: 'missing' })).rejects.toMatchObject({ name: 'NotFound' });
    await writeFile(path.join(root, 'x.json'), '{}');
    await expect(call('space:check', { space: {} })).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('default library', () => {
  it('is loaded once on the first start of the app (browser or electron), not by the CLI', async () => {
    const shipped = path.join(root, 'shipped-default');
    await call('library:export', { id: libId, format: 'folder', out: shipped });
    process.env.LODYN_DEFAULT_LIBRARY = shipped;
    try {
      const home = path.join(root, 'home-default');
      const cli = createDispatch(createHandlers(), await createHostContext({ host: 'cli', dataRoot: home }));
      expect(unwrap(await cli('library:list', {}))).toEqual([]);
      const app = createDispatch(createHandlers(), await createHostContext({ host: 'browser', dataRoot: home }));
      const list = unwrap(await app('library:list', {})) as CallResponse<'library:list'>;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ name: 'exp', status: 'complete', counts: { runsStored: 20 } });
      unwrap(await app('library:remove', { id: list[0].id }));
      const again = createDispatch(createHandlers(), await createHostContext({ host: 'browser', dataRoot: home }));
      expect(unwrap(await again('library:list', {}))).toEqual([]);
    } finally {
      delete process.env.LODYN_DEFAULT_LIBRARY;
    }
  });
});
