// Tests of the network spec: published defaults, metadata table, JSON Schema and validation errors naming the field.
import { describe, expect, it } from 'vitest';
import { LodynError } from '../../../../src-shared/contract/envelope';
import {
  defaultSpec,
  familyParamTable,
  modelFamilies,
  networkSpecJsonSchema,
  parseNetworkSpec,
} from '../../../../src-shared/model/network-spec';

describe('network spec', () => {
  it('defaults reproduce Brette et al. 2007 benchmarks 1 (COBA) and 2 (CUBA)', () => {
    const cuba = defaultSpec('cuba-lif');
    expect(cuba.neuron).toEqual({ vRestMv: -49, vThresholdMv: -50, vResetMv: -60, tauMMs: 20, refractoryMs: 5 });
    expect(cuba.synapse).toEqual({ tauEMs: 5, tauIMs: 10 });
    expect(cuba.connectivity.EE.weight).toBe(1.62);
    expect(cuba.connectivity.IE.weight).toBe(-9);
    expect(cuba.init).toEqual({ vMinMv: -60, vMaxMv: -50 });
    const coba = defaultSpec('coba-lif');
    expect(coba.neuron.vRestMv).toBe(-60);
    expect(coba.synapse).toEqual({ tauEMs: 5, tauIMs: 10, eExcMv: 0, eInhMv: -80 });
    expect(coba.connectivity.EI.weight).toBe(0.6);
    expect(coba.connectivity.II.weight).toBe(6.7);
    expect(coba.init).toEqual({ vMeanMv: -65, vSdMv: 5, geMean: 4, geSd: 1.5, giMean: 20, giSd: 12 });
    for (const spec of [cuba, coba]) {
      expect(spec.network).toEqual({ nNeurons: 4000, fractionE: 0.8 });
      expect(spec.simulation.dtMs).toBe(0.1);
      for (const key of ['EE', 'EI', 'IE', 'II'] as const) {
        expect(spec.connectivity[key]).toMatchObject({ rule: 'fixed-probability', p: 0.02, autapses: true });
        expect(spec.connectivity[key].delayMaxSteps).toBe(0);
      }
      expect(spec.input.E.poissonRateHz).toBe(0);
      expect(spec.input.I.current).toBe(0);
    }
  });

  it('every family has a parameter table whose defaults lie in range and that covers the spec', () => {
    for (const family of modelFamilies) {
      const rows = familyParamTable(family);
      expect(rows.length).toBeGreaterThan(40);
      for (const row of rows) {
        expect(row.unit, row.path).toBeTypeOf('string');
        expect(row.doc.length, row.path).toBeGreaterThan(5);
        if (typeof row.default === 'number') {
          expect(row.default).toBeGreaterThanOrEqual(row.min!);
          expect(row.default).toBeLessThanOrEqual(row.max!);
        }
      }
      const paths = new Set(rows.map((r) => r.path));
      expect(paths.has('connectivity.EE.weight')).toBe(true);
      expect(paths.has('input.I.poissonRateHz')).toBe(true);
    }
  });

  it('exports a JSON Schema with units and ranges', () => {
    const schema = networkSpecJsonSchema();
    const text = JSON.stringify(schema);
    expect(schema.oneOf).toHaveLength(5);
    expect(text).toContain('"unit":"mV"');
    expect(text).toContain('"minimum":0.1');
  });

  it('names the field and the allowed range of a bad value', () => {
    try {
      parseNetworkSpec({ model: 'coba-lif', neuron: { tauMMs: -3 } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LodynError);
      expect((err as LodynError).field).toBe('neuron.tauMMs');
      expect((err as LodynError).message).toContain('[0.1, 1000]');
    }
    expect(() => parseNetworkSpec({ model: 'izhikevich', connectivity: { EE: { k: 1.5 } } })).toThrow(
      /connectivity.EE.k/,
    );
    expect(() => parseNetworkSpec({ model: 'nope' })).toThrow(/model/);
  });

  it('fills a partial spec with the family defaults', () => {
    const spec = parseNetworkSpec({ model: 'adex', network: { nNeurons: 100 } });
    expect(spec.network).toEqual({ nNeurons: 100, fractionE: 0.8 });
    expect(spec.model === 'adex' && spec.neuron.tauWMs).toBe(144);
  });
});
