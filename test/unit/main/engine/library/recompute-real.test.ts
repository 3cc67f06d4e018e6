// Post-hoc recompute on the real simulator runtime: user metrics become columns, computed in metric workers,
// equal to the same definition evaluated in-process on the stored spikes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../../../../src-main/engine/catalogue/catalogue';
import { LibraryService } from '../../../../../src-main/engine/library/library-service';
import { libraryMetrics } from '../../../../../src-main/engine/library/metric-columns';
import { simulatorRuntime } from '../../../../../src-main/engine/library/sim-runtime';
import { userMetricSchema } from '../../../../../src-shared/metrics/user-metric';
import { exampleSpace } from '../../../../../src-shared/space';
import type { MetricDefinitionRecord } from '../../../../../src-shared/catalogue/records';

let root: string;
let cat: Catalogue;
let svc: LibraryService;
let libId: string;

const ratio = userMetricSchema.parse({
  id: 'ei_ratio',
  kind: 'expression',
  expression: 'rate_mean[E] / rate_mean[I]',
  unit: '1',
});

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lodyn-recompute-'));
  cat = await openCatalogue(root, '0.0.0-test');
  svc = new LibraryService(root, cat, '0.0.0-test', {}, simulatorRuntime());
  const space = exampleSpace();
  (space.baseSpec as { simulation: { durationMs: number } }).simulation.durationMs = 400;
  const rec = await svc.create({
    name: 'small',
    space,
    nSets: 3,
    seedsPerSet: 1,
    seed: 3,
    runsPerShard: 2,
    metrics: ['rate_mean'],
  });
  libId = rec.id;
  await (
    await svc.startGeneration(libId)
  ).done;
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('recompute with user metrics', () => {
  it('adds a saved user metric as columns, equal to the in-process evaluation of the stored spikes', async () => {
    await cat.update(
      (d) =>
        void d.metricDefinitions.push({
          ...ratio,
          createdIso: new Date(0).toISOString(),
          updatedIso: new Date(0).toISOString(),
        } as MetricDefinitionRecord),
    );
    const job = await (await svc.startRecompute(libId, ['ei_ratio', 'rate_mean_E'])).done;
    expect(job.error ?? '').toBe('');
    expect(job.status).toBe('done');
    const t = await svc.table(libId);
    const col = t.columns.get('ei_ratio')!;
    for (let i = 0; i < t.nRows; i++) {
      if (t.status[i] !== 0) continue;
      const detail = await svc.run(libId, i);
      const spikes = {
        neuron: Uint32Array.from(detail.spikes.neuron),
        timeMs: Float64Array.from(detail.spikes.timeMs),
        nNeurons: detail.spikes.nNeurons,
        durationMs: detail.spikes.durationMs,
        populations: detail.spikes.populations,
      };
      const expected = libraryMetrics(spikes, ['ei_ratio', 'rate_mean_E'], [ratio]);
      expect(col[i]).toBeCloseTo(expected.ei_ratio, 12);
      expect(t.columns.get('rate_mean_E')![i]).toBeCloseTo(expected.rate_mean_E, 12);
    }
  }, 120_000);

  it('refuses a metric that is neither built in nor saved, naming it', async () => {
    await expect(svc.startRecompute(libId, ['no_such_metric'])).rejects.toThrow(/unknown metric 'no_such_metric'/);
  });
});
