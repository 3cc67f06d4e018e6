// Tests of the simulator: reproducibility, independent streams, connectivity rules, delays, guards and recording.
import { describe, expect, it } from 'vitest';
import { modelFamilies, parseNetworkSpec, type NetworkSpecInput } from '../../../../../src-shared/model/network-spec';
import { buildNetwork } from '../../../../../src-main/engine/sim/network-builder';
import { runSimulation } from '../../../../../src-main/engine/sim/run-simulation';

const small = (model: NetworkSpecInput['model'], extra: Record<string, unknown> = {}) =>
  parseNetworkSpec({
    model,
    network: { nNeurons: 400 },
    connectivity: { EE: { p: 0.1 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
    simulation: { durationMs: 200 },
    ...extra,
  });

describe('runSimulation', () => {
  it('is bit-identical for the same seed and differs for another seed, for every family', () => {
    for (const model of modelFamilies) {
      const spec = small(model);
      const a = runSimulation(spec, 5);
      const b = runSimulation(spec, 5);
      expect(a.spikeCount, model).toBeGreaterThan(0);
      expect(Buffer.from(a.spikes.neuron.buffer).equals(Buffer.from(b.spikes.neuron.buffer))).toBe(true);
      expect(Buffer.from(a.spikes.timeMs.buffer).equals(Buffer.from(b.spikes.timeMs.buffer))).toBe(true);
      const c = runSimulation(spec, 6);
      expect(
        c.spikes.neuron.length === a.spikes.neuron.length && c.spikes.neuron.every((x, i) => x === a.spikes.neuron[i]),
      ).toBe(false);
    }
  });

  it('keeps connectivity independent of input and initial state', () => {
    const a = buildNetwork(small('coba-lif'), 9);
    const b = buildNetwork(small('coba-lif', { input: { E: { poissonRateHz: 5 } }, init: { vMeanMv: -70 } }), 9);
    expect(Array.from(a.target)).toEqual(Array.from(b.target));
    // Changing the EE weight heterogeneity leaves the topology alone.
    const c = buildNetwork(
      small('coba-lif', {
        connectivity: { EE: { p: 0.1, weightCv: 0.5 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
      }),
      9,
    );
    expect(Array.from(c.target)).toEqual(Array.from(a.target));
    expect(c.weight.slice(0, 50).some((w) => w !== 0.6)).toBe(true);
  });

  it('draws fixed-probability and fixed-in-degree pathways with the right statistics', () => {
    const spec = parseNetworkSpec({
      model: 'cuba-lif',
      network: { nNeurons: 1000 },
      connectivity: {
        weightScaling: 'sqrt-k',
        EE: { p: 0.1, autapses: false },
        EI: { rule: 'fixed-indegree', k: 30 },
        IE: { rule: 'fixed-indegree', k: 20 },
        II: { rule: 'fixed-indegree', k: 199, autapses: false },
      },
    });
    const net = buildNetwork(spec, 1);
    const inDeg = new Map<string, Int32Array>();
    for (const key of ['EE', 'EI', 'IE', 'II']) inDeg.set(key, new Int32Array(net.n));
    for (let s = 0; s < net.n; s++) {
      for (let k = net.rowPtr[s]; k < net.rowPtr[s + 1]; k++) {
        const t = net.target[k];
        expect(t === s && s < net.nE).toBe(false); // no EE autapses
        const key = (s < net.nE ? 'E' : 'I') + (t < net.nE ? 'E' : 'I');
        inDeg.get(key)![t]++;
        expect(t === s && s >= net.nE).toBe(false); // no II autapses
      }
    }
    const ee = inDeg.get('EE')!.slice(0, net.nE);
    const meanEE = ee.reduce((a, b) => a + b, 0) / net.nE;
    expect(Math.abs(meanEE - 0.1 * 799)).toBeLessThan(1);
    expect(
      inDeg
        .get('EI')!
        .slice(net.nE)
        .every((d) => d === 30),
    ).toBe(true);
    expect(
      inDeg
        .get('IE')!
        .slice(0, net.nE)
        .every((d) => d === 20),
    ).toBe(true);
    expect(
      inDeg
        .get('II')!
        .slice(net.nE)
        .every((d) => d === 199),
    ).toBe(true);
    expect(net.pathways.EI.effectiveWeight).toBeCloseTo(1.62 / Math.sqrt(30), 12);
    expect(() =>
      buildNetwork(
        parseNetworkSpec({
          model: 'cuba-lif',
          network: { nNeurons: 100 },
          connectivity: { II: { rule: 'fixed-indegree', k: 50 } },
        }),
        1,
      ),
    ).toThrow(/connectivity.II.k/);
  });

  it('delivers a spike after exactly its delay', () => {
    // Two E neurons connected to each other (k = 1, no autapses) with a 30-step delay: both start above threshold
    // and fire at step 0; the delayed input is added after step 30's synapse phase and acts in step 31's update.
    const spec = parseNetworkSpec({
      model: 'cuba-lif',
      network: { nNeurons: 2, fractionE: 1 },
      neuron: { vRestMv: -60, refractoryMs: 0 },
      init: { vMinMv: -49, vMaxMv: -49 },
      simulation: { durationMs: 5 },
      recording: { vTraceCount: 1 },
      connectivity: {
        EE: { rule: 'fixed-indegree', k: 1, autapses: false, weight: 40, delayMinSteps: 30, delayMaxSteps: 30 },
      },
    });
    const r = runSimulation(spec, 1);
    expect(Array.from(r.spikes.timeMs.slice(0, 2))).toEqual([0, 0]);
    expect(r.vTraces!.vMv[30]).toBe(-60);
    expect(r.vTraces!.vMv[31]).toBeGreaterThan(-60);
  });

  it('stops exploding and quiescent networks and honours the spike budget', () => {
    const boom = runSimulation(small('cuba-lif', { neuron: { vRestMv: -20 }, guards: { maxRateHz: 50 } }), 1);
    expect(boom.status).toBe('exploded');
    expect(boom.steps).toBeLessThan(boom.stepsPlanned);
    const silent = runSimulation(small('cuba-lif', { neuron: { vRestMv: -70 }, simulation: { durationMs: 1000 } }), 1);
    expect(silent.status).toBe('quiescent');
    const budget = runSimulation(small('cuba-lif', { guards: { maxSpikes: 100 } }), 1);
    expect(budget.status).toBe('spike-budget');
    expect(budget.spikes.neuron.length).toBeLessThanOrEqual(100);
  });

  it("keeps every spike past the recorder's first buffers (several doublings) and stops at a budget among them", () => {
    // ~50 Hz × 400 neurons × 12 s ≈ 240k spikes: the recorder starts with room for 64k and doubles.
    const busy = (guards: Record<string, number>) =>
      small('cuba-lif', {
        neuron: { vRestMv: -20 },
        simulation: { durationMs: 12_000 },
        guards: { maxRateHz: 1000, ...guards },
      });
    const r = runSimulation(busy({}), 1);
    expect(r.status).toBe('completed');
    expect(r.spikeCount).toBeGreaterThan(200_000);
    expect(r.spikes.neuron).toHaveLength(r.spikeCount);
    expect(r.spikes.timeMs.every((t, i) => i === 0 || t >= r.spikes.timeMs[i - 1])).toBe(true);
    const capped = runSimulation(busy({ maxSpikes: 150_000 }), 1);
    expect(capped.status).toBe('spike-budget');
    expect(capped.spikes.neuron.length).toBeLessThanOrEqual(150_000);
    expect(capped.spikes.neuron.length).toBeGreaterThan(149_000);
    // What was kept is the start of the uncapped run.
    expect(Array.from(capped.spikes.neuron)).toEqual(
      Array.from(r.spikes.neuron.subarray(0, capped.spikes.neuron.length)),
    );
  });

  it('records a seeded subset, rates that add up, and V traces', () => {
    const spec = small('coba-lif', { recording: { recordFraction: 0.25, vTraceCount: 4, rateBinMs: 5 } });
    const r = runSimulation(spec, 2);
    expect(r.spikes.nNeurons).toBe(100);
    expect(r.spikes.sourceIds).toHaveLength(100);
    expect(r.spikes.populations).toEqual([
      { name: 'E', start: 0, count: 80 },
      { name: 'I', start: 80, count: 20 },
    ]);
    const all = runSimulation(small('coba-lif'), 2);
    // Rates count every neuron, whatever is recorded.
    expect(r.spikeCount).toBe(all.spikeCount);
    const meanE = r.rate.E.reduce((a, b) => a + b, 0) / r.rate.E.length;
    expect(meanE).toBeCloseTo(r.populations.E.rateHz, 6);
    for (let s = 1; s < r.spikes.timeMs.length; s++) {
      const t0 = r.spikes.timeMs[s - 1];
      const t1 = r.spikes.timeMs[s];
      expect(t1 > t0 || (t1 === t0 && r.spikes.neuron[s] > r.spikes.neuron[s - 1])).toBe(true);
    }
    expect(r.vTraces!.vMv.length).toBe(4 * r.steps);
    expect(r.vTraces!.vMv[0]).toBeLessThan(0);
  });
});
