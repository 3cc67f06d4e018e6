// Library service with a fake simulator: generation, queries, run detail, cancel + resume equality, corrupt shards.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../../../../src-main/engine/catalogue/catalogue';
import { LibraryService } from '../../../../../src-main/engine/library/library-service';
import { shardPaths } from '../../../../../src-main/engine/library/generator';
import { exampleSpace } from '../../../../../src-shared/space';
import { fakeMetrics, fakeRun, fakeRuntime } from './fake-sim';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lodyn-lib-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const spec = (over: Record<string, unknown> = {}) => ({
  name: 'test lib',
  space: exampleSpace(),
  nSets: 30,
  seedsPerSet: 2,
  seed: 7,
  runsPerShard: 16,
  ...over,
});

async function service(delayMs = 0) {
  const cat = await openCatalogue(root, '0.0.0-test');
  return new LibraryService(root, cat, '0.0.0-test', {}, fakeRuntime({ delayMs, concurrency: 2 }));
}

describe('LibraryService', () => {
  it('generates every run once, stores parameters, metrics and spikes that match a direct run', async () => {
    const svc = await service();
    const rec = await svc.create(spec());
    const { done } = await svc.startGeneration(rec.id);
    const job = await done;
    expect(job.status).toBe('done');
    const lib = svc.record(rec.id);
    expect(lib.status).toBe('complete');
    expect(lib.counts).toMatchObject({ runsPlanned: 60, runsStored: 60, shardsStored: 4, corruptShards: 0 });
    const all = await svc.query(rec.id, { limit: 1000, columns: ['runIndex', 'status'] });
    expect(all.rows.map((r) => r[0])).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Constraint wI >= wE rejects some sets; the rest ran.
    const statuses = new Set(all.rows.map((r) => r[1]));
    expect([...statuses].every((s) => s === 'ok' || s === 'rejected')).toBe(true);
    const okRun = all.rows.find((r) => r[1] === 'ok')![0] as number;
    const detail = await svc.run(rec.id, okRun);
    const direct = fakeRun(detail.spec, detail.seed);
    expect(detail.spikes.timeMs).toEqual(Array.from(direct.spikes.timeMs));
    expect(detail.spikes.neuron).toEqual(Array.from(direct.spikes.neuron));
    expect(detail.metrics.rateHz).toBeCloseTo(fakeMetrics(direct.spikes).rateHz, 12);
    expect(Object.keys(detail.params)).toEqual([
      'wE',
      'wI',
      'p',
      'rateIn',
      'tauM',
      'wEI',
      'wII',
      'pEI',
      'pIE',
      'pII',
      'rateInI',
      'g',
    ]);
    const meta = all.meta.find((c) => c.id === 'rateHz')!;
    expect(meta).toMatchObject({ unit: 'Hz', kind: 'metric' });
    expect(all.meta.find((c) => c.id === 'wE')).toMatchObject({ unit: 'g_L', kind: 'parameter' });
  });

  it('filters by ranges and status, sorts and pages', async () => {
    const svc = await service();
    const rec = await svc.create(spec());
    await (
      await svc.startGeneration(rec.id)
    ).done;
    const t = await svc.table(rec.id);
    const rate = t.columns.get('rateHz')!;
    const wE = t.columns.get('wE')!;
    const expected = Array.from({ length: t.nRows }, (_, i) => i)
      .filter((i) => rate[i] >= 5 && rate[i] <= 40 && wE[i] <= 1)
      .sort((a, b) => rate[b] - rate[a] || a - b);
    const res = await svc.query(rec.id, {
      filters: [
        { column: 'rateHz', min: 5, max: 40 },
        { column: 'wE', max: 1 },
      ],
      statuses: ['ok'],
      sort: { column: 'rateHz', descending: true },
      offset: 2,
      limit: 5,
      columns: ['runIndex', 'rateHz'],
    });
    expect(res.total).toBe(expected.length);
    expect(res.rows.map((r) => r[0])).toEqual(expected.slice(2, 7).map((i) => t.columns.get('runIndex')![i]));
    await expect(svc.query(rec.id, { filters: [{ column: 'nope', min: 0 }] })).rejects.toThrow(/unknown column 'nope'/);
  });

  it('cancel then resume gives the same library as an uninterrupted generation', async () => {
    const a = await service(2);
    const recA = await a.create(spec());
    const { job, done } = await a.startGeneration(recA.id);
    await new Promise((r) => setTimeout(r, 60));
    await a.cancel(job.id);
    expect((await done).status).toBe('cancelled');
    const partial = a.record(recA.id).counts.runsStored;
    expect(partial).toBeLessThan(60);
    expect((await (await a.startGeneration(recA.id)).done).status).toBe('done');

    const b = await service();
    const recB = await b.create(spec());
    await (
      await b.startGeneration(recB.id)
    ).done;
    const qa = await a.query(recA.id, {
      limit: 100,
      columns: ['runIndex', 'seed', 'wE', 'rateHz', 'nSpikes', 'status'],
    });
    const qb = await b.query(recB.id, {
      limit: 100,
      columns: ['runIndex', 'seed', 'wE', 'rateHz', 'nSpikes', 'status'],
    });
    expect(qa.rows).toEqual(qb.rows);
    for (const s of [0, 1, 2, 3]) {
      const fa = await readFile(shardPaths(a.folder(recA.id), s).spikes);
      const fb = await readFile(shardPaths(b.folder(recB.id), s).spikes);
      expect(Buffer.compare(fa, fb)).toBe(0);
    }
  });

  it('pauses and resumes a running job', async () => {
    const svc = await service(1);
    const rec = await svc.create(spec({ nSets: 10 }));
    const { job, done } = await svc.startGeneration(rec.id);
    await svc.pause(job.id);
    const before = svc.job(job.id).done;
    await new Promise((r) => setTimeout(r, 50));
    expect(svc.job(job.id).done).toBe(before);
    expect(svc.job(job.id).status).toBe('paused');
    await svc.unpause(job.id);
    expect((await done).status).toBe('done');
  });

  it('detects a corrupted shard, reports and skips it, and resume re-makes it', async () => {
    const svc = await service();
    const rec = await svc.create(spec());
    await (
      await svc.startGeneration(rec.id)
    ).done;
    const file = shardPaths(svc.folder(rec.id), 1).spikes;
    const bytes = await readFile(file);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(file, bytes);
    const after = await svc.refresh(rec.id);
    expect(after.counts).toMatchObject({ runsStored: 44, corruptShards: 1 });
    expect(after.status).toBe('incomplete');
    const t = await svc.table(rec.id);
    expect(t.problems).toEqual([{ shard: 1, message: 'spikes checksum mismatch' }]);
    expect(await svc.missingShards(rec.id)).toEqual([1]);
    await (
      await svc.startGeneration(rec.id)
    ).done;
    expect(svc.record(rec.id).counts).toMatchObject({ runsStored: 60, corruptShards: 0 });
  });

  it('recomputes a new metric column from stored spikes as a job', async () => {
    const svc = await service();
    const rec = await svc.create(spec({ metrics: ['rateHz'] }));
    await (
      await svc.startGeneration(rec.id)
    ).done;
    expect((await svc.table(rec.id)).columns.has('count')).toBe(false);
    const { done } = await svc.startRecompute(rec.id, ['count']);
    const job = await done;
    expect(job).toMatchObject({ status: 'done', done: 60, total: 60 });
    const t = await svc.table(rec.id);
    const count = t.columns.get('count')!;
    const nSpikes = t.columns.get('nSpikes')!;
    for (let i = 0; i < t.nRows; i++) {
      if (t.status[i] === 0) expect(count[i]).toBe(nSpikes[i]);
      else expect(count[i]).toBeNaN();
    }
    expect(t.columns.get('rateHz')).toBeDefined();
    expect(svc.record(rec.id).metricIds).toEqual(['rateHz', 'count']);
    expect(svc.record(rec.id).status).toBe('complete');
    await expect(svc.startRecompute(rec.id, ['wE'])).rejects.toThrow(/parameter or reserved/);
  });

  it('estimates time and disk from pilot runs', async () => {
    const svc = await service();
    const est = await svc.estimate(spec({ nSets: 1000 }), 4);
    expect(est).toMatchObject({ runs: 2000, shards: 125, pilots: 4, parallelRuns: 2 });
    // Pilot spikes of the fake simulator: 60 neurons at tens of Hz for 400 ms, ~1-2 bytes per spike.
    expect(est.estimatedBytes).toBeGreaterThan(2000 * 100);
    expect(est.estimatedBytes).toBeLessThan(2000 * 5000);
    expect(est.estimatedSeconds).toBeGreaterThanOrEqual(0);
  });

  it('marks jobs left running by a crashed process as interrupted', async () => {
    const svc = await service();
    const rec = await svc.create(spec());
    await svc.catalogue.update((d) => {
      d.jobs.push({ id: 'job-old', createdIso: 'x', kind: 'library:generate', status: 'running', libraryId: rec.id });
      d.libraries[0].status = 'generating';
    });
    const fresh = new LibraryService(root, await openCatalogue(root, '0'), '0', {}, fakeRuntime());
    await fresh.recoverAfterRestart();
    expect(fresh.job('job-old').status).toBe('interrupted');
    expect(fresh.record(rec.id).status).toBe('incomplete');
  });
});

describe('stale temporary files', () => {
  it('removes temps of dead writers only', async () => {
    const { removeStaleTemps } = await import('../../../../../src-main/engine/library/shard-store');
    const dir = path.join(root, 'lib');
    const { mkdir, readdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'shards'), { recursive: true });
    // 2^22 + 1 is above the largest pid Linux allows (pid_max ≤ 2^22), so no live process has it.
    await writeFile(path.join(dir, 'shards', `shard-000001.arrow.tmp-${2 ** 22 + 1}-abc`), 'x');
    await writeFile(path.join(dir, 'shards', `shard-000002.arrow.tmp-${process.pid}-def`), 'y');
    expect(await removeStaleTemps(dir)).toBe(1);
    expect(await readdir(path.join(dir, 'shards'))).toEqual([`shard-000002.arrow.tmp-${process.pid}-def`]);
  });
});
