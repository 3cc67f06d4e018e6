// Posterior service on a fake-simulator library: training job in a worker, store survives a reopen, targets, PPC, cancel.
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../../../../src-main/engine/catalogue/catalogue';
import { PosteriorService } from '../../../../../src-main/engine/inference/posterior-service';
import { LibraryService } from '../../../../../src-main/engine/library/library-service';
import { setLibraryRuntime } from '../../../../../src-main/engine/library/runtime';
import { exampleSpace } from '../../../../../src-shared/space';
import type { JobRecord } from '../../../../../src-shared/catalogue/records';
import { fakeRuntime } from '../library/fake-sim';

let root: string;
let libId: string;

async function services(events: ConstructorParameters<typeof PosteriorService>[4] = {}) {
  const cat = await openCatalogue(root, '0.0.0-test');
  const libs = new LibraryService(root, cat, '0.0.0-test', {}, fakeRuntime({ concurrency: 2 }));
  await libs.recoverAfterRestart();
  return { cat, libs, post: new PosteriorService(root, cat, libs, '0.0.0-test', events) };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lodyn-post-'));
  const { libs } = await services();
  const rec = await libs.create({
    name: 'fake',
    space: exampleSpace(),
    nSets: 300,
    seedsPerSet: 1,
    seed: 3,
    runsPerShard: 100,
  });
  await (
    await libs.startGeneration(rec.id)
  ).done;
  libId = rec.id;
}, 60_000);
afterAll(async () => {
  setLibraryRuntime(null);
  await rm(root, { recursive: true, force: true });
});

describe('PosteriorService', () => {
  it('trains as a job with per-epoch progress, saves the posterior, and reloads it after a reopen', async () => {
    const epochs: number[] = [];
    const jobs: JobRecord[] = [];
    const { post, cat } = await services({
      progressed: (p) => epochs.push(p.epoch),
      jobProgressed: (j) => jobs.push(j),
    });
    const started = await post.startTraining({
      libraryId: libId,
      metricIds: ['rateHz'],
      estimator: 'mdn',
      seed: 1,
      maxEpochs: 4,
      heldOut: 20,
    });
    expect(started.job.kind).toBe('training');
    expect(cat.data.jobs.find((j) => j.id === started.job.id)?.status).toBe('running');
    const rec = (await started.done)!;
    expect(rec).not.toBeNull();
    expect(epochs).toEqual([0, 1, 2, 3]);
    expect(jobs.at(-1)).toMatchObject({ id: started.job.id, status: 'done', done: 4 });
    // Rejected runs (constraint wI >= wE of the example space) are counted, not trained on.
    expect(
      rec.counts.trained + rec.counts.heldOut + Object.values(rec.counts.excluded).reduce((a, b) => a + b, 0),
    ).toBe(300);
    expect(rec.params.map((p) => p.id)).toEqual(['wE', 'wI', 'p', 'rateIn', 'tauM']);
    await access(path.join(root, rec.file));

    // A new process: a fresh catalogue and service find the record and load the weights.
    const again = await services();
    expect(again.post.list().map((p) => p.id)).toEqual([rec.id]);
    const s = await again.post.sample(rec.id, { kind: 'run', libraryId: libId, runIndex: rec.heldOutRuns[0] }, 200, 0);
    expect(s.samples.length).toBe(200);
    expect(s.target.truth).toHaveLength(5);
    // Samples lie inside the prior box, in own units (log-uniform wE in [0.1, 2]).
    for (const row of s.samples) {
      expect(row[0]).toBeGreaterThanOrEqual(0.1 - 1e-5);
      expect(row[0]).toBeLessThanOrEqual(2 + 1e-5);
    }
    const d = await again.post.diagnose(rec.id, 20, 20, 0);
    expect(d.sbc.ksPValues).toHaveLength(5);
    expect(d.coverage.levels).toHaveLength(21);
    expect(d.verdict.length).toBeGreaterThan(20);
    const c = await again.post.conditional(rec.id, { kind: 'values', values: { rateHz: 20 } }, s.map, 8);
    expect(c.correlation).toHaveLength(5);
    expect(c.pairs).toHaveLength(10);
    // Once the weights are loaded, sampling, diagnostics and conditionals leave no tensor behind.
    const loaded = tf.memory().numTensors;
    await again.post.sample(rec.id, { kind: 'values', values: { rateHz: 20 } }, 100, 1);
    await again.post.diagnose(rec.id, 10, 10, 1);
    expect(tf.memory().numTensors).toBe(loaded);
    again.post.dispose();
  }, 120_000);

  it('runs a posterior predictive check with the library simulator', async () => {
    setLibraryRuntime(fakeRuntime());
    const { post } = await services();
    const rec = post.list()[0];
    const ppc = await post.predictive(rec.id, { kind: 'values', values: { rateHz: 15 } }, 3, 0, 100);
    expect(ppc.draws).toHaveLength(3);
    for (const d of ppc.draws) {
      if (d.status === 'rejected') continue;
      expect(d.metrics.rateHz).toBeGreaterThan(0);
      expect(d.spikes.neuron.length).toBeLessThanOrEqual(100);
    }
    expect(ppc.summary[0].metricId).toBe('rateHz');
    post.dispose();
  }, 60_000);

  it('flags an out-of-distribution target and names a missing metric value', async () => {
    const { post } = await services();
    const rec = post.list()[0];
    const t = await post.resolveTarget(rec, { kind: 'values', values: { rateHz: 1e6 } });
    expect(t.ood.outside).toBe(true);
    await expect(post.resolveTarget(rec, { kind: 'values', values: {} })).rejects.toThrow(/target.values.rateHz/);
  });

  it('cancels a training job', async () => {
    const { post, cat } = await services();
    const started = await post.startTraining({
      libraryId: libId,
      metricIds: ['rateHz', 'count'],
      estimator: 'maf',
      seed: 0,
      maxEpochs: 100_000,
      heldOut: 0,
    });
    const job = await post.cancel(started.job.id);
    expect(job.status).toBe('cancelled');
    expect(await started.done).toBeNull();
    expect(cat.data.posteriors).toHaveLength(1);
  }, 60_000);
});
