// The shared metric metadata is complete and consistent with the engine's registry.
import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS, defaultParams } from '../../../../src-shared/metrics/definitions';
import { BUILTIN_METRIC_IDS, METRIC_GROUPS } from '../../../../src-shared/metrics/ids';
import { BUILTIN_METRIC_FNS } from '../../../../src-main/engine/metrics/registry';

describe('METRIC_DEFINITIONS', () => {
  it('covers every built-in id once, in order, each with a function', () => {
    expect(METRIC_DEFINITIONS.map((m) => m.id)).toEqual([...BUILTIN_METRIC_IDS]);
    expect(Object.keys(BUILTIN_METRIC_FNS).sort()).toEqual([...BUILTIN_METRIC_IDS].sort());
  });
  for (const m of METRIC_DEFINITIONS) {
    it(`${m.id}: snake_case id, known group, definition, reference, params with defaults in range`, () => {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(METRIC_GROUPS).toContain(m.group);
      expect(m.definition.length).toBeGreaterThan(60);
      expect(m.reference.length).toBeGreaterThan(5);
      expect(m.nanWhen.length).toBeGreaterThan(5);
      for (const p of m.params) {
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
        if (p.integer) expect(Number.isInteger(p.default)).toBe(true);
      }
      expect(Object.keys(defaultParams(m.id))).toEqual(m.params.map((p) => p.name));
    });
  }
});
