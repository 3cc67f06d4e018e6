// Query engine against a naive filter + sort on 20,000 rows with NaNs: first pages (top-k) and deep pages (cached sort).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../../src-main/engine/library/hash-rng';
import { queryTable, type LibraryTable } from '../../../../../src-main/engine/library/library-table';

function table(n: number): LibraryTable {
  const rand = mulberry32(3);
  const col = (nanRate: number) =>
    Float64Array.from({ length: n }, () => (rand() < nanRate ? NaN : Math.round(rand() * 500) / 10));
  return {
    manifest: {} as LibraryTable['manifest'],
    nRows: n,
    columns: new Map([
      ['runIndex', Float64Array.from({ length: n }, (_, i) => i)],
      ['a', col(0)],
      ['b', col(0.1)],
    ]),
    status: Uint8Array.from({ length: n }, () => (rand() < 0.8 ? 0 : 4)),
    shard: new Uint32Array(n),
    position: new Uint32Array(n),
    meta: [],
    problems: [],
    shardsLoaded: [],
    bytes: { arrow: 0, spikes: 0 },
    nSpikes: 0,
  };
}

describe('queryTable', () => {
  const t = table(20000);
  const a = t.columns.get('a')!;
  const b = t.columns.get('b')!;
  const naive = (descending: boolean) =>
    Array.from({ length: t.nRows }, (_, i) => i)
      .filter((i) => t.status[i] === 0 && a[i] >= 10 && a[i] <= 40)
      .sort((x, y) => {
        if (Number.isNaN(b[x])) return Number.isNaN(b[y]) ? x - y : 1;
        if (Number.isNaN(b[y])) return -1;
        return (descending ? b[y] - b[x] : b[x] - b[y]) || x - y;
      });

  it.each([false, true])('first and deep pages agree with a naive sort (descending: %s)', (descending) => {
    const expected = naive(descending);
    const q = {
      filters: [{ column: 'a', min: 10, max: 40 }],
      statuses: ['ok' as const],
      sort: { column: 'b', descending },
      columns: ['runIndex', 'b'],
    };
    const first = queryTable(t, { ...q, offset: 0, limit: 50 });
    expect(first.total).toBe(expected.length);
    expect(first.rows.map((r) => r[0])).toEqual(expected.slice(0, 50));
    const deep = queryTable(t, { ...q, offset: 9000, limit: 100 });
    expect(deep.rows.map((r) => r[0])).toEqual(expected.slice(9000, 9100));
    // NaN values sort last and come back as null.
    expect(deep.rows.every((r) => r[1] === null)).toBe(true);
    const again = queryTable(t, { ...q, offset: 100, limit: 10 });
    expect(again.rows.map((r) => r[0])).toEqual(expected.slice(100, 110));
  });
});
