// Every built-in metric on no spikes, one spike and one neuron: the value its metadata declares, never a crash.
import { describe, expect, it } from 'vitest';
import { computeMetricsDetailed } from '../../../../../src-main/engine/metrics/evaluate';
import { METRIC_DEFINITIONS, type DegenerateValue } from '../../../../../src-shared/metrics/definitions';
import { toRecord } from './spike-gen';

const cases = {
  noSpikes: toRecord(
    Array.from({ length: 10 }, () => []),
    1000,
  ),
  oneSpike: toRecord(
    Array.from({ length: 10 }, (_, k) => (k === 3 ? [500] : [])),
    1000,
  ),
  oneNeuron: toRecord([[10, 35, 80, 200, 260, 400, 410, 600, 750, 900]], 1000),
};

function check(declared: DegenerateValue, value: number, reason: string | undefined): void {
  if (declared === 'computed') expect(Number.isFinite(value)).toBe(true);
  else if ('value' in declared) expect(value).toBeCloseTo(declared.value, 12);
  else {
    expect(value).toBeNaN();
    expect(reason).toBeTruthy();
  }
}

describe('degenerate inputs', () => {
  for (const [name, record] of Object.entries(cases)) {
    const result = computeMetricsDetailed(record, { windowMs: [0, 1000] });
    for (const meta of METRIC_DEFINITIONS) {
      it(`${meta.id} on ${name}`, () => {
        const declared = meta.degenerate[name as keyof typeof cases];
        check(declared, result.values.all[meta.id], result.nanReasons.all?.[meta.id]);
      });
    }
  }
  it('an empty window gives NaN with a reason for every metric', () => {
    const r = computeMetricsDetailed(toRecord([[10]], 100));
    expect(r.windowMs).toEqual([100, 100]);
    for (const meta of METRIC_DEFINITIONS) {
      expect(r.values.all[meta.id]).toBeNaN();
      expect(r.nanReasons.all[meta.id]).toMatch(/window is empty/);
    }
  });
  it('a population without neurons gives NaN with a reason', () => {
    const rec = { ...toRecord([[10]], 1000), populations: [{ name: 'I', start: 1, count: 0 }] };
    const r = computeMetricsDetailed(rec, { windowMs: [0, 1000], metricIds: ['rate_mean'] });
    expect(r.values.I.rate_mean).toBeNaN();
    expect(r.nanReasons.I.rate_mean).toMatch(/no neurons/);
  });
});
