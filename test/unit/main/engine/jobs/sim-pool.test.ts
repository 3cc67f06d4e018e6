// Tests of the simulation worker pool: same result as in-process, progress events, cancellation, and the sim:* handlers.
import { afterAll, describe, expect, it } from 'vitest';
import { parseNetworkSpec } from '../../../../../src-shared/model/network-spec';
import { SimPool } from '../../../../../src-main/engine/jobs/sim-pool';
import { runSimulation } from '../../../../../src-main/engine/sim/run-simulation';
import { simHandlers, toRunResult } from '../../../../../src-main/api/sim';
import type { ApiContext } from '../../../../../src-main/api/types';

const spec = parseNetworkSpec({
  model: 'coba-lif',
  network: { nNeurons: 500 },
  connectivity: { EE: { p: 0.16 }, EI: { p: 0.16 }, IE: { p: 0.16 }, II: { p: 0.16 } },
  simulation: { durationMs: 300 },
});
const pool = new SimPool(2);
afterAll(() => pool.close());

describe('SimPool', () => {
  it('runs in a worker with progress and gives the in-process result bit for bit', async () => {
    const fractions: number[] = [];
    const r = await pool.run(spec, 4, { onProgress: (p) => fractions.push(p.fraction), progressEverySteps: 500 });
    const local = runSimulation(spec, 4);
    expect(r.status).toBe('completed');
    expect(Array.from(r.spikes.neuron)).toEqual(Array.from(local.spikes.neuron));
    expect(Array.from(r.spikes.timeMs)).toEqual(Array.from(local.spikes.timeMs));
    expect(fractions).toEqual([500 / 3000, 1000 / 3000, 1500 / 3000, 2000 / 3000, 2500 / 3000, 1]);
  });

  it('cancels a running run, which returns what it simulated', async () => {
    const ac = new AbortController();
    // External Poisson drive keeps the network active, so the only way this run can end early is the cancel
    // (under load the worker may run far ahead of the main thread's abort).
    const drive = { poissonRateHz: 2000, poissonSources: 1, poissonWeight: 0.6 };
    const long = parseNetworkSpec({ ...spec, input: { E: drive, I: drive }, simulation: { durationMs: 100_000 } });
    const r = await pool.run(long, 1, {
      signal: ac.signal,
      progressEverySteps: 100,
      onProgress: (p) => p.step >= 1000 && ac.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.steps).toBeLessThan(r.stepsPlanned);
  });

  it('answers the sim:* handlers in UI-friendly shapes', async () => {
    const events: unknown[] = [];
    const ctx = { emit: (_e: string, p: unknown) => events.push(p) } as unknown as ApiContext;
    const d = await simHandlers['sim:defaults']({ model: 'izhikevich' }, ctx);
    expect(d.params.find((p) => p.path === 'neuron.E.a')).toMatchObject({ unit: '1/ms', default: 0.02 });
    const bad = await simHandlers['sim:validate']({ spec: { model: 'adex', neuron: { deltaTMv: 0 } } }, ctx);
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'neuron.deltaTMv', message: expect.stringContaining('[0.01, 100]') }],
    });
    const script = await simHandlers['sim:exportBrian2']({ spec: { model: 'cuba-lif' }, seed: 3 }, ctx);
    expect(script.script).toContain("method='exact'");
    const local = runSimulation(spec, 2);
    const shaped = toRunResult('x', local, 10);
    expect(shaped.spikes.neuron).toHaveLength(10);
    expect(shaped.spikes.truncated).toBe(true);
    expect(shaped.rate.E.length).toBe(Math.ceil(shaped.steps / 10));
    expect(JSON.parse(JSON.stringify(shaped))).toEqual(shaped);
  });
});
