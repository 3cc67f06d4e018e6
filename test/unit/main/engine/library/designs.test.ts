// Designs against SciPy's Sobol points and the stratification properties that define each design.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDesign, lhsDesign, sobolDesign } from '../../../../../src-main/engine/library/designs';
import { planLibrary } from '../../../../../src-main/engine/library/run-plan';
import { exampleSpace } from '../../../../../src-shared/space';

const ref = JSON.parse(readFileSync(new URL('./fixtures/sobol-scipy.json', import.meta.url), 'utf8')) as {
  first: number[][];
  at1024: { index: number; points: number[][] };
};

/** True when every box [a/2^i, (a+1)/2^i) x [b/2^(m-i), ...) holds exactly one of 2^m points (a (0, m, 2)-net). */
function isZeroNet(points: [number, number][], m: number): boolean {
  for (let i = 0; i <= m; i++) {
    const counts = new Map<string, number>();
    for (const [x, y] of points) {
      const key = `${Math.floor(x * 2 ** i)},${Math.floor(y * 2 ** (m - i))}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size !== 2 ** m || [...counts.values()].some((c) => c !== 1)) return false;
  }
  return true;
}

describe('Sobol', () => {
  it('matches SciPy qmc.Sobol (unscrambled, Joe & Kuo directions) in 6 and 40 dimensions', () => {
    const s6 = sobolDesign(6, 0, 'none');
    ref.first.forEach((row, j) => expect(Array.from(s6.point(j))).toEqual(row));
    const s40 = sobolDesign(40, 0, 'none');
    ref.at1024.points.forEach((row, k) => expect(Array.from(s40.point(ref.at1024.index + k))).toEqual(row));
  });

  it.each(['owen', 'shift'] as const)(
    '%s scrambling keeps the (0, m, 2)-net of the first two dimensions',
    (scramble) => {
      const m = 8;
      const a = sobolDesign(2, 7, scramble);
      const b = sobolDesign(2, 8, scramble);
      const pa = Array.from({ length: 2 ** m }, (_, j) => Array.from(a.point(j)) as [number, number]);
      const pb = Array.from({ length: 2 ** m }, (_, j) => Array.from(b.point(j)) as [number, number]);
      expect(isZeroNet(pa, m)).toBe(true);
      expect(isZeroNet(pb, m)).toBe(true);
      expect(pa[3]).not.toEqual(pb[3]); // the seed matters
      expect(Array.from(sobolDesign(2, 7, scramble).point(3))).toEqual(pa[3]); // and is reproducible
    },
  );

  it('Owen-scrambled points integrate a smooth function better than random points', () => {
    const f = (x: Float64Array) => Math.exp(x[0] + x[1] + x[2]); // exact integral (e - 1)^3
    const exact = (Math.E - 1) ** 3;
    const err = (kind: 'sobol' | 'random') => {
      const d = createDesign(kind === 'sobol' ? { kind, scramble: 'owen' } : { kind }, 3, 1024, 3);
      let s = 0;
      for (let j = 0; j < 1024; j++) s += f(d.point(j));
      return Math.abs(s / 1024 - exact);
    };
    expect(err('sobol')).toBeLessThan(err('random') / 5);
  });
});

describe('Latin hypercube, random and grid', () => {
  it('puts exactly one LHS point in each stratum of every dimension', () => {
    const n = 97;
    const d = lhsDesign(4, n, 11);
    for (let dim = 0; dim < 4; dim++) {
      const strata = new Set<number>();
      for (let j = 0; j < n; j++) strata.add(Math.floor(d.point(j)[dim] * n));
      expect(strata.size).toBe(n);
    }
  });

  it('random points are uniform (mean and variance of U(0,1))', () => {
    const d = createDesign({ kind: 'random' }, 2, 0, 5);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let j = 0; j < n; j++) {
      const x = d.point(j)[1];
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('a grid enumerates every level combination, ends included', () => {
    const d = createDesign({ kind: 'grid', levels: [3, 2] }, 2, 6, 0);
    const pts = Array.from({ length: 6 }, (_, j) => Array.from(d.point(j)).map((x) => Math.round(x * 1e9) / 1e9));
    expect(pts).toEqual([
      [0, 0],
      [0, 1],
      [0.5, 0],
      [0.5, 1],
      [1, 0],
      [1, 1],
    ]);
  });
});

describe('run plan', () => {
  const spec = { name: 't', space: exampleSpace(), nSets: 64, seedsPerSet: 3, seed: 42 };
  it('run i is a pure function of (spec, seed, i); seeds differ within a set, parameters do not', () => {
    const a = planLibrary(spec);
    const b = planLibrary(structuredClone(spec));
    expect(a.nRuns).toBe(192);
    for (const i of [0, 1, 2, 100, 191]) expect(b.run(i)).toEqual(a.run(i));
    expect(a.run(3).point.free).toEqual(a.run(5).point.free);
    expect(new Set([a.run(3).seed, a.run(4).seed, a.run(5).seed]).size).toBe(3);
    expect(a.run(3).point.free).not.toEqual(a.run(6).point.free);
    expect(planLibrary({ ...spec, seed: 43 }).run(3).point.free).not.toEqual(a.run(3).point.free);
  });

  it('rejects a grid whose size disagrees with nSets, naming the field', () => {
    const space = { ...exampleSpace(), free: exampleSpace().free.slice(0, 2), derived: [], constraints: [] };
    const grid = { ...spec, space, design: { kind: 'grid' as const, levels: [4, 5] } };
    expect(() => planLibrary({ ...grid, nSets: 10 })).toThrow(/spec.nSets/);
    expect(() => planLibrary({ ...grid, design: { kind: 'grid', levels: [4] }, nSets: 4 })).toThrow(
      /spec.design.levels/,
    );
    expect(planLibrary({ ...grid, nSets: 20 }).run(59).point.free[1]).toBeCloseTo(20, 9);
  });
});
