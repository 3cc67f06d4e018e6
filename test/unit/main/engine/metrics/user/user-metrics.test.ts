// User metrics: validation (schema, references, cycles), statistics, and evaluation next to built-ins.
import { describe, expect, it } from 'vitest';
import { computeMetricsDetailed } from '../../../../../../src-main/engine/metrics/evaluate';
import { compileUserMetric, compileUserMetrics } from '../../../../../../src-main/engine/metrics/user/validate';
import { LodynError } from '../../../../../../src-shared/contract/envelope';
import { toRecord } from '../spike-gen';

function validationOf(fn: () => unknown): LodynError {
  try {
    fn();
  } catch (err) {
    return err as LodynError;
  }
  throw new Error('expected a validation error');
}

describe('compileUserMetric', () => {
  it('accepts a statistic and an expression', () => {
    expect(
      compileUserMetric({ id: 'p90_rate', kind: 'statistic', quantity: 'rate', statistic: 'quantile', q: 0.9 }).def
        .kind,
    ).toBe('statistic');
    expect(
      compileUserMetric({ id: 'ei', kind: 'expression', expression: 'rate_mean[E] / rate_mean[I]' }).tree,
    ).toBeDefined();
  });
  it('names the field and position of errors', () => {
    const e1 = validationOf(() => compileUserMetric({ id: 'x', kind: 'expression', expression: 'rate_meen * 2' }));
    expect(e1.field).toBe('expression');
    expect(e1.message).toMatch(/unknown metric 'rate_meen' \(did you mean 'rate_mean'\?\) \(at column 1\)/);
    expect(e1.details).toMatchObject({ position: 0, length: 9 });
    const e2 = validationOf(() =>
      compileUserMetric({ id: 'x', kind: 'statistic', quantity: 'rate', statistic: 'quantile' }),
    );
    expect(e2.field).toBe('q');
    const e3 = validationOf(() => compileUserMetric({ id: 'Bad-Id', kind: 'expression', expression: '1' }));
    expect(e3.field).toBe('id');
    const e4 = validationOf(() => compileUserMetric({ id: 'lv', kind: 'expression', expression: '1' }));
    expect(e4.message).toMatch(/built-in/);
    const e5 = validationOf(() =>
      compileUserMetric({ id: 'x', kind: 'statistic', quantity: 'volts', statistic: 'mean' }),
    );
    expect(e5.field).toBe('quantity');
  });
  it('orders dependencies and rejects cycles', () => {
    const ordered = compileUserMetrics([
      { id: 'b', kind: 'expression', expression: 'a * 2' },
      { id: 'a', kind: 'expression', expression: 'rate_mean + 1' },
    ]);
    expect(ordered.map((c) => c.def.id)).toEqual(['a', 'b']);
    const cyc = validationOf(() =>
      compileUserMetrics([
        { id: 'a', kind: 'expression', expression: 'b' },
        { id: 'b', kind: 'expression', expression: 'a' },
      ]),
    );
    expect(cyc.message).toMatch(/reference cycle: a → b → a/);
    expect(validationOf(() => compileUserMetrics([{ id: 'a', kind: 'expression', expression: 'a' }])).message).toMatch(
      /itself/,
    );
  });
});

describe('user metrics in computeMetrics', () => {
  // E: neuron 0 (3 spikes), neuron 1 (1 spike); I: neuron 2 (0 spikes). Window [0, 1000) ms.
  const rec = toRecord([[100, 300, 700], [500], []], 1000, [
    { name: 'E', start: 0, count: 2 },
    { name: 'I', start: 2, count: 1 },
  ]);
  const users = [
    { id: 'median_rate', kind: 'statistic', quantity: 'rate', statistic: 'median' },
    { id: 'active_2hz', kind: 'statistic', quantity: 'rate', statistic: 'fraction_above', threshold: 2 },
    { id: 'bin_max', kind: 'statistic', quantity: 'bin_count', statistic: 'max', binMs: 250 },
    { id: 'e_only', kind: 'statistic', quantity: 'spike_count', statistic: 'mean', population: 'E' },
    { id: 'ratio', kind: 'expression', expression: 'rate_mean / rate_mean[E]' },
    { id: 'twice', kind: 'expression', expression: '2 * median_rate' },
  ];
  const r = computeMetricsDetailed(rec, { windowMs: [0, 1000], userMetrics: users });
  it('computes statistics of per-neuron and per-bin quantities', () => {
    expect(r.values.E.median_rate).toBe(2); // rates 3 and 1 Hz
    expect(r.values.all.median_rate).toBe(1); // 3, 1, 0
    expect(r.values.all.active_2hz).toBeCloseTo(1 / 3, 12);
    expect(r.values.all.bin_max).toBe(2); // bins of 250 ms: [1, 2, 1, 0]
  });
  it('reports population-restricted metrics only under their population', () => {
    expect(r.values.E.e_only).toBe(2);
    expect('e_only' in r.values.I).toBe(false);
  });
  it('evaluates expressions over built-in and user metrics, across populations', () => {
    expect(r.values.all.ratio).toBeCloseTo(4 / 3 / 2, 12);
    expect(r.values.I.ratio).toBe(0);
    expect(r.values.E.twice).toBe(4);
    expect(r.values.all.rate_mean).toBeCloseTo(4 / 3, 12);
  });
  it('explains NaN in expressions by the NaN input', () => {
    const d = computeMetricsDetailed(rec, {
      windowMs: [0, 1000],
      metricIds: ['lv_ratio'],
      userMetrics: [{ id: 'lv_ratio', kind: 'expression', expression: 'lv[I] / 2' }],
    });
    expect(d.values.all.lv_ratio).toBeNaN();
    expect(d.nanReasons.all.lv_ratio).toMatch(/lv\[I\] is NaN/);
  });
});
