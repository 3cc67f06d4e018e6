// A library's runs held in memory as typed columns, with range filters, sorting and paging (< 100 ms on 100,000 runs).
import type {
  ColumnKind,
  ColumnMeta,
  QueryResult,
  RowValue,
  TableQuery,
} from '../../../src-shared/space/library-types';
import {
  RUN_STATUSES,
  listShardManifests,
  readShard,
  type LibraryManifest,
  type RunStatus,
  type ShardProblem,
} from './shard-store';

export interface LibraryTable {
  manifest: LibraryManifest;
  nRows: number;
  /** Numeric columns by id, each of shape [nRows]; status is coded in `status`. */
  columns: Map<string, Float64Array>;
  /** Index into RUN_STATUSES per row. Shape [nRows]. */
  status: Uint8Array;
  /** Shard and position within the shard per row (to find a run's spikes). Shape [nRows]. */
  shard: Uint32Array;
  position: Uint32Array;
  meta: ColumnMeta[];
  /** Shards that failed verification and were skipped. */
  problems: ShardProblem[];
  shardsLoaded: number[];
  /** Bytes of the tables and spikes loaded. */
  bytes: { arrow: number; spikes: number };
  nSpikes: number;
}

export interface ColumnInfo {
  label?: string;
  unit?: string;
  kind?: ColumnKind;
  choices?: unknown[];
}

/**
 * Loads every complete shard of a library folder. A shard that fails its checksum or cannot be parsed is reported in
 * `problems` and skipped; the rest stays readable.
 */
export async function loadLibraryTable(
  dir: string,
  manifest: LibraryManifest,
  info: (id: string) => ColumnInfo = () => ({}),
): Promise<LibraryTable> {
  const problems: ShardProblem[] = [];
  const loaded: {
    shard: number;
    table: import('apache-arrow').Table;
    arrowBytes: number;
    spikesBytes: number;
    nSpikes: number;
  }[] = [];
  for (const shard of await listShardManifests(dir)) {
    try {
      const s = await readShard(dir, shard, manifest.specHash);
      loaded.push({
        shard,
        table: s.table,
        arrowBytes: s.manifest.arrowBytes,
        spikesBytes: s.manifest.spikesBytes,
        nSpikes: s.manifest.nSpikes,
      });
    } catch (err) {
      problems.push({ shard, message: (err as Error).message });
    }
  }
  const nRows = loaded.reduce((s, l) => s + l.table.numRows, 0);
  const numericIds = ['runIndex', 'seed', ...manifest.paramIds, ...manifest.metricIds, 'wallMs', 'nSpikes'];
  const columns = new Map<string, Float64Array>(numericIds.map((id) => [id, new Float64Array(nRows)]));
  const status = new Uint8Array(nRows);
  const shardOf = new Uint32Array(nRows);
  const position = new Uint32Array(nRows);
  let row = 0;
  for (const l of loaded) {
    const n = l.table.numRows;
    for (const id of numericIds) {
      const child = l.table.getChild(id);
      const target = columns.get(id)!;
      if (!child) target.fill(NaN, row, row + n);
      else target.set(child.toArray() as ArrayLike<number>, row);
    }
    const st = l.table.getChild('status')!.toArray() as string[];
    for (let k = 0; k < n; k++) {
      status[row + k] = Math.max(0, RUN_STATUSES.indexOf(st[k] as RunStatus));
      shardOf[row + k] = l.shard;
      position[row + k] = k;
    }
    row += n;
  }
  const kindOf = (id: string): ColumnKind =>
    id === 'runIndex'
      ? 'index'
      : id === 'seed'
        ? 'seed'
        : id === 'wallMs'
          ? 'wall'
          : id === 'nSpikes'
            ? 'spikes'
            : manifest.metricIds.includes(id)
              ? 'metric'
              : 'parameter';
  const meta: ColumnMeta[] = numericIds.map((id) => {
    const extra = info(id);
    const col = columns.get(id)!;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < nRows; i++) {
      const v = col[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return {
      id,
      label: extra.label ?? id,
      unit: extra.unit ?? (id === 'wallMs' ? 'ms' : ''),
      kind: extra.kind ?? kindOf(id),
      ...(Number.isFinite(min) ? { min, max } : {}),
      ...(extra.choices ? { choices: extra.choices } : {}),
    };
  });
  meta.push({ id: 'status', label: 'status', unit: '', kind: 'status', choices: [...RUN_STATUSES] });
  return {
    manifest,
    nRows,
    columns,
    status,
    shard: shardOf,
    position,
    meta,
    problems,
    shardsLoaded: loaded.map((l) => l.shard),
    bytes: {
      arrow: loaded.reduce((s, l) => s + l.arrowBytes, 0),
      spikes: loaded.reduce((s, l) => s + l.spikesBytes, 0),
    },
    nSpikes: loaded.reduce((s, l) => s + l.nSpikes, 0),
  };
}

/**
 * Row numbers (into the table) passing the filters, in the requested order. With `topK`, only the first topK rows
 * are ordered and returned (the count of all passing rows is `total`).
 */
export function selectRows(table: LibraryTable, q: TableQuery, topK?: number): { rows: Uint32Array; total: number } {
  const n = table.nRows;
  const checks = (q.filters ?? []).map((f) => {
    const col = columnOrThrow(table, f.column);
    return { col, min: f.min ?? -Infinity, max: f.max ?? Infinity };
  });
  let statusMask = 0xff;
  if (q.statuses) {
    statusMask = 0;
    for (const s of q.statuses) {
      const k = RUN_STATUSES.indexOf(s);
      if (k < 0) throw new Error(`unknown status '${s}' (allowed: ${RUN_STATUSES.join(', ')})`);
      statusMask |= 1 << k;
    }
  }
  const out = new Uint32Array(n);
  let m = 0;
  outer: for (let i = 0; i < n; i++) {
    if (!((statusMask >> table.status[i]) & 1)) continue;
    for (const c of checks) {
      const v = c.col[i];
      // `!(v >= min)` also rejects NaN.
      if (!(v >= c.min) || !(v <= c.max)) continue outer;
    }
    out[m++] = i;
  }
  const rows = out.subarray(0, m);
  if (!q.sort) return { rows, total: m };
  const cmp = comparator(table, q.sort);
  // A first page needs only its top rows: a bounded heap is O(n log k) where a full sort is O(n log n).
  if (topK !== undefined && topK < rows.length / 8) return { rows: smallestK(rows, topK, cmp), total: m };
  return { rows: rows.sort(cmp), total: m };
}

type RowComparator = (a: number, b: number) => number;

function comparator(table: LibraryTable, sort: NonNullable<TableQuery['sort']>): RowComparator {
  const desc = sort.descending ? -1 : 1;
  if (sort.column === 'status') return (a, b) => desc * (table.status[a] - table.status[b]) || a - b;
  const col = columnOrThrow(table, sort.column);
  // NaN sorts last in both directions; ties keep run order.
  return (a, b) => {
    const x = col[a];
    const y = col[b];
    if (x !== x) return y !== y ? a - b : 1;
    if (y !== y) return -1;
    return desc * (x - y) || a - b;
  };
}

/** The k first rows under `cmp`, sorted (a max-heap of the best k seen so far). */
function smallestK(rows: Uint32Array, k: number, cmp: RowComparator): Uint32Array {
  const heap = new Uint32Array(k);
  let size = 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < size && cmp(heap[l], heap[top]) > 0) top = l;
      if (r < size && cmp(heap[r], heap[top]) > 0) top = r;
      if (top === i) return;
      const t = heap[i];
      heap[i] = heap[top];
      heap[top] = t;
      i = top;
    }
  };
  for (const row of rows) {
    if (size < k) {
      let i = size++;
      heap[i] = row;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (cmp(heap[i], heap[parent]) <= 0) break;
        const t = heap[i];
        heap[i] = heap[parent];
        heap[parent] = t;
        i = parent;
      }
    } else if (k > 0 && cmp(row, heap[0]) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.subarray(0, size).sort(cmp);
}

function columnOrThrow(table: LibraryTable, id: string): Float64Array {
  const col = table.columns.get(id);
  if (!col) throw new Error(`unknown column '${id}' (known: ${[...table.columns.keys(), 'status'].join(', ')})`);
  return col;
}

/** Filters, sorts and pages; `rows` carry the requested columns. */
export function queryTable(table: LibraryTable, q: TableQuery): QueryResult {
  const t0 = performance.now();
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.max(0, q.limit ?? 100);
  const key = JSON.stringify([q.filters ?? [], q.statuses ?? null, q.sort ?? null]);
  let selected: Uint32Array;
  let total: number;
  const cached = sortCache.get(table);
  if (cached && cached.key === key) {
    // Virtual scrolling asks for page after page of the same filter and sort: reuse the full ordering.
    selected = cached.rows;
    total = cached.rows.length;
  } else {
    const full = offset + limit > FIRST_PAGES;
    ({ rows: selected, total } = selectRows(table, q, full ? undefined : FIRST_PAGES));
    if (full || selected.length === total) sortCache.set(table, { key, rows: selected });
  }
  const columns = q.columns ?? [...table.columns.keys(), 'status'];
  const getters = columns.map((id): ((i: number) => RowValue) => {
    if (id === 'status') return (i) => RUN_STATUSES[table.status[i]];
    const col = columnOrThrow(table, id);
    return (i) => (Number.isNaN(col[i]) ? null : col[i]);
  });
  const page = selected.subarray(offset, offset + limit);
  const rows = Array.from(page, (i) => getters.map((g) => g(i)));
  return { total, offset, columns, rows, tookMs: performance.now() - t0 };
}

/** Rows ordered on a first query (top-k); deeper pages sort everything once and cache it. */
const FIRST_PAGES = 1000;
const sortCache = new WeakMap<LibraryTable, { key: string; rows: Uint32Array }>();

/** Row number of a run index (binary search: rows are in run order). -1 when absent. */
export function rowOfRun(table: LibraryTable, runIndex: number): number {
  const col = table.columns.get('runIndex')!;
  let lo = 0;
  let hi = table.nRows - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (col[mid] === runIndex) return mid;
    if (col[mid] < runIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export type { ColumnKind, ColumnMeta, QueryResult, RowValue, TableQuery };
