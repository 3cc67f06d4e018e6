// Library table -> training matrices: invalid runs left out and counted, log-uniform on log scale, held-out runs apart.
import { describe, expect, it } from 'vitest';
import { buildTrainingSet, dataStats, priorBox, toExternal } from '../../../../../src-main/engine/inference/dataset';
import { checkOod } from '../../../../../src-main/engine/inference/ood';
import type { LibraryTable } from '../../../../../src-main/engine/library/library-table';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { createRng } from '../../../../../src-main/engine/sbi/rng';
import { RUN_STATUSES } from '../../../../../src-shared/space/library-types';

/** A table of n runs: a log-uniform, a uniform and a choice parameter; metric m1 = a + b, m2 NaN on every 10th run. */
function table(n: number): LibraryTable {
  const rng = createRng(1);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const m1 = new Float64Array(n);
  const m2 = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = Math.exp(Math.log(0.1) + rng.uniform() * Math.log(100));
    b[i] = -1 + 2 * rng.uniform();
    c[i] = i % 2;
    m1[i] = Math.log(a[i]) + b[i];
    m2[i] = i % 10 === 3 ? NaN : b[i];
    status[i] = RUN_STATUSES.indexOf(i % 7 === 0 ? 'exploded' : i % 11 === 0 ? 'quiescent' : 'ok');
  }
  const free = [
    { id: 'a', path: 'x.a', unit: 'nS', prior: { kind: 'logUniform' as const, low: 0.1, high: 10 }, integer: false },
    { id: 'b', path: 'x.b', unit: 'mV', prior: { kind: 'uniform' as const, low: -1, high: 1 }, integer: false },
    { id: 'c', path: 'x.c', unit: '', prior: { kind: 'choice' as const, values: ['x', 'y'] }, integer: false },
  ];
  return {
    manifest: {
      formatVersion: 1,
      id: 'lib',
      spec: { space: { free } } as never,
      specHash: '',
      paramIds: ['a', 'b', 'c'],
      metricIds: ['m1', 'm2'],
      createdIso: '',
      appVersion: '',
    },
    nRows: n,
    columns: new Map([
      ['runIndex', Float64Array.from({ length: n }, (_, i) => i)],
      ['a', a],
      ['b', b],
      ['c', c],
      ['m1', m1],
      ['m2', m2],
    ]),
    status,
    shard: new Uint32Array(n),
    position: new Uint32Array(n),
    meta: [],
    problems: [],
    shardsLoaded: [0],
    bytes: { arrow: 0, spikes: 0 },
    nSpikes: 0,
  };
}

describe('buildTrainingSet', () => {
  it('leaves out and counts exploded/quiescent runs and non-finite metrics', () => {
    const n = 700;
    const set = buildTrainingSet(table(n), ['m1', 'm2'], { heldOut: 50, seed: 3 });
    let exploded = 0;
    let quiescent = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      if (i % 7 === 0) exploded++;
      else if (i % 11 === 0) quiescent++;
      else if (i % 10 === 3) nonFinite++;
    }
    expect(set.excluded).toEqual({ exploded, quiescent, nonFinite });
    expect(set.theta.rows + set.heldOut.runs.length).toBe(n - exploded - quiescent - nonFinite);
    expect(set.heldOut.runs).toHaveLength(50);
    expect(Array.from(set.x.data).every(Number.isFinite)).toBe(true);
  });

  it('trains log-uniform parameters on log(value) with an exact box prior; choice parameters are left out', () => {
    const set = buildTrainingSet(table(300), ['m1'], { heldOut: 0 });
    expect(set.params.map((p) => [p.id, p.scale])).toEqual([
      ['a', 'log'],
      ['b', 'linear'],
    ]);
    expect(set.omitted).toEqual(['c']);
    expect(set.prior).toEqual(priorBox(set.params));
    expect(set.prior).toMatchObject({ kind: 'box', high: [Math.log(10), 1] });
    expect((set.prior as { low: number[] }).low[0]).toBeCloseTo(Math.log(0.1), 12);
    // theta's first column is log(a), so m1 = theta0 + theta1 exactly.
    for (let i = 0; i < set.theta.rows; i++) {
      expect(set.x.data[i]).toBeCloseTo(set.theta.data[2 * i] + set.theta.data[2 * i + 1], 4);
      expect(toExternal(set.params[0], set.theta.data[2 * i])).toBeGreaterThanOrEqual(0.1 - 1e-6);
    }
  });

  it('keeps held-out runs out of training, deterministically per seed', () => {
    const t = table(500);
    const s1 = buildTrainingSet(t, ['m1'], { heldOut: 40, seed: 9 });
    const s2 = buildTrainingSet(t, ['m1'], { heldOut: 40, seed: 9 });
    expect(s1.heldOut.runs).toEqual(s2.heldOut.runs);
    const heldTheta = new Set(Array.from({ length: s1.heldOut.theta.rows }, (_, i) => s1.heldOut.theta.data[2 * i]));
    for (let i = 0; i < s1.theta.rows; i++) expect(heldTheta.has(s1.theta.data[2 * i])).toBe(false);
  });

  it('names the field and the known columns for an unknown metric', () => {
    expect(() => buildTrainingSet(table(100), ['nope'])).toThrow(/metricIds\[0\].*known: m1, m2/);
  });
});

describe('dataStats and checkOod', () => {
  it('recovers mean and inverse covariance of correlated Gaussian data and flags targets outside it', () => {
    const rng = createRng(5);
    const n = 20_000;
    const x = matrix(n, 2);
    // x1 = z1, x2 = 0.8 z1 + 0.6 z2: unit variances, correlation 0.8.
    for (let i = 0; i < n; i++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      x.data[2 * i] = z1;
      x.data[2 * i + 1] = 0.8 * z1 + 0.6 * z2;
    }
    const s = dataStats(x);
    // Analytic inverse of [[1, .8], [.8, 1]] is [[1, -.8], [-.8, 1]] / 0.36.
    expect(s.covInverse[0]).toBeCloseTo(1 / 0.36, 0);
    expect(s.covInverse[1]).toBeCloseTo(-0.8 / 0.36, 0);
    // 99% quantile of chi-square with 2 degrees of freedom is 9.21.
    expect(s.d2Quantile99).toBeGreaterThan(8.5);
    expect(s.d2Quantile99).toBeLessThan(10);
    expect(checkOod([0.5, 0.4], ['m1', 'm2'], s).outside).toBe(false);
    // Inside the range of each metric but against the correlation: outside the ellipsoid.
    const against = checkOod([2, -2], ['m1', 'm2'], s);
    expect(against.outOfRange).toEqual([]);
    expect(against.outside).toBe(true);
    const far = checkOod([100, 0], ['m1', 'm2'], s);
    expect(far.outOfRange.map((o) => o.metricId)).toEqual(['m1']);
    expect(far.message).toMatch(/outside the training data/);
  });
});
