// metrics:* and observations:* handlers through the real dispatch: user metric CRUD, preview, imports that never half-write.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../src-main/api';
import { createHostContext, type HostContext } from '../../../../../src-main/api/context';
import { createDispatch, type Dispatch } from '../../../../../src-main/api/dispatch';

const EX = path.resolve(__dirname, '../../../../../resources/examples');
let root: string;
let ctx: HostContext;
let dispatch: Dispatch;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lodyn-metrics-api-'));
  ctx = await createHostContext({ host: 'cli', dataRoot: root });
  dispatch = createDispatch(createHandlers(), ctx);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const spikes = {
  neuron: [0, 1, 0, 1, 0],
  timeMs: [250, 260, 400, 420, 900],
  nNeurons: 2,
  durationMs: 1000,
  populations: [],
};

describe('metrics handlers', () => {
  it('lists all built-in metrics and computes inline spikes with NaN as null plus a reason', async () => {
    const list = await dispatch('metrics:list', {});
    expect(list.ok && list.value).toMatchObject({
      metrics: expect.arrayContaining([expect.objectContaining({ id: 'sttc' })]),
    });
    const r = await dispatch('metrics:compute', {
      source: { kind: 'spikes', spikes },
      metricIds: ['rate_mean', 'cv_isi'],
    });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as {
      values: Record<string, Record<string, number | null>>;
      nanReasons: Record<string, Record<string, string>>;
    };
    expect(v.values.all.rate_mean).toBeCloseTo(5 / 2 / 0.8, 12);
    expect(v.values.all.cv_isi).toBeNull();
    expect(v.nanReasons.all.cv_isi).toMatch(/minIsis/);
  });
  it('rejects bad inline spikes naming the field', async () => {
    const r = await dispatch('metrics:compute', {
      source: { kind: 'spikes', spikes: { ...spikes, neuron: [0, 5, 0, 1, 0] } },
    });
    expect(!r.ok && r.error.field).toBe('source.spikes.neuron[1]');
  });
  it('validates, previews, saves, lists and deletes user metrics', async () => {
    const bad = await dispatch('metrics:validateUser', {
      definition: { id: 'x', kind: 'expression', expression: 'rate_mean +' },
    });
    expect(bad.ok && bad.value).toMatchObject({ ok: false, error: { field: 'expression', position: 11 } });
    const def = { id: 'double_rate', kind: 'expression', expression: '2 * rate_mean', unit: 'Hz' };
    const prev = await dispatch('metrics:preview', { definition: def, source: { kind: 'spikes', spikes } });
    if (!prev.ok) throw new Error(prev.error.message);
    expect((prev.value as { values: Record<string, Record<string, number>> }).values.all.double_rate).toBeCloseTo(
      6.25,
      12,
    );
    expect((await dispatch('metrics:saveUser', { definition: def })).ok).toBe(true);
    const dep = { id: 'quad_rate', kind: 'expression', expression: '2 * double_rate' };
    expect((await dispatch('metrics:saveUser', { definition: dep })).ok).toBe(true);
    const listed = await dispatch('metrics:listUser', {});
    expect(listed.ok && (listed.value as { id: string }[]).map((d) => d.id)).toEqual(['double_rate', 'quad_rate']);
    const blocked = await dispatch('metrics:deleteUser', { id: 'double_rate' });
    expect(!blocked.ok && blocked.error.name).toBe('Conflict');
    const c = await dispatch('metrics:compute', {
      source: { kind: 'spikes', spikes },
      metricIds: ['quad_rate'],
      includeUser: true,
    });
    expect(c.ok && (c.value as { values: Record<string, Record<string, number>> }).values.all.quad_rate).toBeCloseTo(
      12.5,
      12,
    );
    expect((await dispatch('metrics:deleteUser', { id: 'quad_rate' })).ok).toBe(true);
    expect((await dispatch('metrics:deleteUser', { id: 'double_rate' })).ok).toBe(true);
    expect(ctx.catalogue.data.metricDefinitions).toEqual([]);
  });
});

describe('observations handlers', () => {
  it('imports, lists, gets with spikes, computes from, and deletes an observation', async () => {
    const imp = await dispatch('observations:import', {
      path: path.join(EX, 'example-spikes-sonata.h5'),
      durationMs: 2000,
    });
    if (!imp.ok) throw new Error(imp.error.message);
    const rec = imp.value as { id: string; nSpikes: number; metrics: Record<string, Record<string, number>> };
    expect(rec.nSpikes).toBe(622);
    expect(Object.keys(rec.metrics)).toEqual(['E', 'I', 'all']);
    const got = await dispatch('observations:get', { id: rec.id, includeSpikes: true });
    expect(got.ok && (got.value as { spikes: { neuron: number[] } }).spikes.neuron).toHaveLength(622);
    const c = await dispatch('metrics:compute', {
      source: { kind: 'observation', id: rec.id },
      metricIds: ['rate_mean'],
    });
    expect(c.ok && (c.value as { values: Record<string, Record<string, number>> }).values.all.rate_mean).toBeCloseTo(
      rec.metrics.all.rate_mean,
      12,
    );
    expect((await dispatch('observations:delete', { id: rec.id })).ok).toBe(true);
    expect(await readdir(path.join(root, 'observations'))).toEqual([]);
    expect((await dispatch('observations:get', { id: rec.id })).ok).toBe(false);
  });
  it('imports from base64 bytes', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytesBase64 = (await readFile(path.join(EX, 'example-spikes.csv'))).toString('base64');
    const imp = await dispatch('observations:import', {
      bytesBase64,
      fileName: 'example-spikes.csv',
      durationMs: 2000,
    });
    expect(imp.ok).toBe(true);
  });
  it('a bad file leaves neither a record nor a spikes file', async () => {
    const bytesBase64 = Buffer.from('neuron,time_ms\n0,1\n1,oops\n').toString('base64');
    const imp = await dispatch('observations:import', { bytesBase64, fileName: 'bad.csv' });
    expect(!imp.ok && imp.error.field).toBe('row 3, column time_ms');
    expect(ctx.catalogue.data.observations).toEqual([]);
    await expect(readdir(path.join(root, 'observations'))).rejects.toThrow();
  });
  it('a failing catalogue write removes the spikes file it wrote', async () => {
    const update = ctx.catalogue.update;
    ctx.catalogue.update = async () => {
      throw new Error('disk full');
    };
    const imp = await dispatch('observations:import', { path: path.join(EX, 'example-spikes.csv'), durationMs: 2000 });
    ctx.catalogue.update = update;
    expect(!imp.ok && imp.error.message).toMatch(/disk full/);
    expect(await readdir(path.join(root, 'observations'))).toEqual([]);
  });
});
