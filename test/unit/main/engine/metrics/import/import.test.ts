// Spike importers: the three example files give the same record; bad files give errors naming column/row or dataset/element.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpikeFile } from '../../../../../../src-main/engine/metrics/import';
import { parsePopulationSpec } from '../../../../../../src-main/engine/metrics/import/assemble';
import { parseSpikeCsv } from '../../../../../../src-main/engine/metrics/import/csv';
import { loadH5 } from '../../../../../../src-main/engine/metrics/import/hdf5';
import type { LodynError } from '../../../../../../src-shared/contract/envelope';

const EX = path.resolve(__dirname, '../../../../../../resources/examples');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lodyn-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<LodynError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err as LodynError;
  }
  throw new Error('expected an error');
}

describe('example files', () => {
  it('CSV, NWB and SONATA examples hold the same spikes and populations', async () => {
    const opts = { durationMs: 2000 };
    const csv = await importSpikeFile({ path: path.join(EX, 'example-spikes.csv') }, undefined, opts);
    const nwb = await importSpikeFile({ path: path.join(EX, 'example-spikes.nwb') }, undefined, opts);
    const son = await importSpikeFile({ path: path.join(EX, 'example-spikes-sonata.h5') }, undefined, opts);
    expect([csv.format, nwb.format, son.format]).toEqual(['csv', 'nwb', 'sonata']);
    expect(csv.record.neuron.length).toBe(622);
    for (const other of [nwb, son]) {
      expect(Array.from(other.record.neuron)).toEqual(Array.from(csv.record.neuron));
      other.record.timeMs.forEach((t, i) => expect(t).toBeCloseTo(csv.record.timeMs[i], 9));
      expect(other.record.populations.map((p) => [p.name, p.count])).toEqual([
        ['E', 32],
        ['I', 8],
      ]);
    }
  });
  it('reads from bytes as well as from a path', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = new Uint8Array(await readFile(path.join(EX, 'example-spikes.nwb')));
    const r = await importSpikeFile({ bytes, name: 'x.nwb' }, 'nwb', { durationMs: 2000 });
    expect(r.record.nNeurons).toBe(40);
  });
});

describe('CSV errors name row and column', () => {
  const cases: [string, RegExp, string][] = [
    ['neuron,time_ms\n0,1.5\n1,abc\n', /'abc' is not a spike time/, 'row 3, column time_ms'],
    ['neuron,time_ms\n0,1.5\n-1,2\n', /not a neuron id/, 'row 3, column neuron'],
    ['neuron,time_ms\n0,1.5\n2.5,2\n', /not a neuron id/, 'row 3, column neuron'],
    ['neuron,time_ms\n0,-3\n', /not a spike time/, 'row 2, column time_ms'],
    ['neuron,time_ms,population\n0,1,E\n0,2,I\n', /in population 'I' here but in 'E'/, 'row 3, column time_ms'],
    ['neuron,time_ms,population\n0,1,E-x\n', /not a population name/, 'row 2, column population'],
    ['neuron,time_ms\n0\n', /has 1 columns, the header has 2/, 'row 2'],
    ['id,t\n0,1\n', /no neuron column/, 'row 1'],
    ['neuron,time\n0,1\n', /no time column/, 'row 1'],
    ['', /empty/, 'row 1'],
  ];
  for (const [text, message, field] of cases) {
    it(`${JSON.stringify(text).slice(0, 40)} → ${field}`, async () => {
      const err = await errorOf(() => parseSpikeCsv(text));
      expect(err.name).toBe('ValidationError');
      expect(err.message).toMatch(message);
      expect(err.field).toBe(field);
    });
  }
  it('a spike after the given duration is an error naming its row', async () => {
    const err = await errorOf(() => parseSpikeCsv('neuron,time_ms\n0,1\n0,1500\n', { durationMs: 1000 }));
    expect(err.field).toBe('row 3, column time_ms');
  });
  it('infers the duration with a warning, keeps ids as indices, and applies a population spec', () => {
    const r = parseSpikeCsv('neuron,time_ms\n3,10.5\n0,2\n');
    expect(r.record.durationMs).toBe(11);
    expect(r.record.nNeurons).toBe(4);
    expect(Array.from(r.record.neuron)).toEqual([0, 3]);
    expect(r.warnings[0]).toMatch(/last spike/);
    const p = parseSpikeCsv('neuron,time_ms\n3,10.5\n0,2\n', { durationMs: 100, populations: 'E:0-2,I:3-4' });
    expect(p.record.populations).toEqual([
      { name: 'E', start: 0, count: 3 },
      { name: 'I', start: 3, count: 2 },
    ]);
    expect(() => parsePopulationSpec('E:0-5,I:5-9')).toThrow(/overlap/);
    expect(() => parsePopulationSpec('E=0-5')).toThrow(/NAME:FIRST-LAST/);
  });
});

describe('HDF5 errors name dataset and element', () => {
  it('NWB without spike_times_index, with a negative time, and a non-HDF5 file', async () => {
    const h5 = await loadH5();
    const f1 = path.join(dir, 'no-index.nwb');
    const a = new h5.File(f1, 'w');
    a.create_group('units').create_dataset({ name: 'spike_times', data: Float64Array.from([0.1, 0.2]) });
    a.close();
    const e1 = await errorOf(importSpikeFile({ path: f1 }));
    expect(e1.field).toBe('/units/spike_times_index');
    const f2 = path.join(dir, 'neg.nwb');
    const b = new h5.File(f2, 'w');
    const u = b.create_group('units');
    u.create_dataset({ name: 'spike_times', data: Float64Array.from([0.1, -0.2]) });
    u.create_dataset({ name: 'spike_times_index', data: Int32Array.from([2]) });
    b.close();
    const e2 = await errorOf(importSpikeFile({ path: f2 }));
    expect(e2.field).toBe('/units/spike_times');
    expect(e2.message).toMatch(/element 1/);
    const f3 = path.join(dir, 'junk.nwb');
    await writeFile(f3, 'not hdf5 at all');
    const e3 = await errorOf(importSpikeFile({ path: f3 }));
    expect(e3.message).toMatch(/cannot open as HDF5/);
  });
  it('SONATA with mismatched node_ids names the dataset', async () => {
    const h5 = await loadH5();
    const f = path.join(dir, 'bad.h5');
    const a = new h5.File(f, 'w');
    const g = a.create_group('spikes').create_group('E');
    g.create_dataset({ name: 'timestamps', data: Float64Array.from([1, 2, 3]) });
    g.create_dataset({ name: 'node_ids', data: Int32Array.from([0, 1]) });
    a.close();
    const e = await errorOf(importSpikeFile({ path: f }));
    expect(e.field).toBe('/spikes/E/node_ids');
  });
});
