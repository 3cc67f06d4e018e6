// Library benchmarks: filter+sort time on 100,000 runs (typed columns vs array-of-objects baseline) and bytes per spike
// (Rice-coded or deflated steps vs zlib over delta varints vs raw), on Poisson trains and on real simulator runs.
import { deflateSync } from 'node:zlib';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openCatalogue } from '../../src-main/engine/catalogue/catalogue';
import { LibraryService } from '../../src-main/engine/library/library-service';
import { mulberry32 } from '../../src-main/engine/library/hash-rng';
import { queryTable, type LibraryTable } from '../../src-main/engine/library/library-table';
import { planLibrary } from '../../src-main/engine/library/run-plan';
import { simulateForLibrary } from '../../src-main/engine/library/sim-runtime';
import { decodeSpikes, encodeSpikes } from '../../src-main/engine/library/spike-codec';
import type { SpikeRecord } from '../../src-shared/model/spikes';
import { exampleSpace } from '../../src-shared/space';

const N_RUNS = 100_000;
const rand = mulberry32(1);

function syntheticTable(): LibraryTable {
  const ids = [
    'runIndex',
    'seed',
    'wE',
    'wI',
    'p',
    'rateIn',
    'tauM',
    'g',
    ...Array.from({ length: 60 }, (_, k) => `m${k}`),
    'wallMs',
    'nSpikes',
  ];
  const columns = new Map<string, Float64Array>();
  for (const id of ids)
    columns.set(
      id,
      Float64Array.from({ length: N_RUNS }, (_, i) => (id === 'runIndex' ? i : rand() * 100)),
    );
  return {
    manifest: {} as LibraryTable['manifest'],
    nRows: N_RUNS,
    columns,
    status: Uint8Array.from({ length: N_RUNS }, () => (rand() < 0.9 ? 0 : 1 + Math.floor(rand() * 4))),
    shard: new Uint32Array(N_RUNS),
    position: new Uint32Array(N_RUNS),
    meta: [],
    problems: [],
    shardsLoaded: [],
    bytes: { arrow: 0, spikes: 0 },
    nSpikes: 0,
  };
}

/** Mean ms per call; `fn(r)` gets the repetition so queries can differ (defeating the page cache). */
function timeIt(fn: (r: number) => unknown, reps: number): number {
  fn(-1); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) fn(r);
  return (performance.now() - t0) / reps;
}

function varint(out: number[], x: number) {
  while (x >= 128) {
    out.push((x % 128) | 128);
    x = Math.floor(x / 128);
  }
  out.push(x);
}

/** Baseline codec: per-neuron delta step varints, then zlib level 9. */
function zlibVarintBytes(rec: SpikeRecord, dtMs: number): number {
  const perNeuron: number[][] = Array.from({ length: rec.nNeurons }, () => []);
  for (let s = 0; s < rec.neuron.length; s++) perNeuron[rec.neuron[s]].push(Math.round(rec.timeMs[s] / dtMs));
  const bytes: number[] = [];
  for (const steps of perNeuron) {
    varint(bytes, steps.length);
    let prev = 0;
    for (const st of steps) {
      varint(bytes, st - prev);
      prev = st;
    }
  }
  return deflateSync(Uint8Array.from(bytes), { level: 9 }).length;
}

function poisson(nNeurons: number, rateHz: number, durationMs: number, dtMs: number, seed: number): SpikeRecord {
  const r = mulberry32(seed);
  const pairs: [number, number][] = [];
  for (let k = 0; k < nNeurons; k++) {
    let t = 0;
    for (;;) {
      t += Math.max(20, Math.round(-Math.log(1 - r()) / (rateHz / 1000) / dtMs));
      if (t * dtMs >= durationMs) break;
      pairs.push([t, k]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    neuron: Uint32Array.from(pairs, (p) => p[1]),
    timeMs: Float64Array.from(pairs, (p) => p[0] * dtMs),
    nNeurons,
    durationMs,
    populations: [{ name: 'all', start: 0, count: nNeurons }],
  };
}

// --- Queries on 100,000 runs ---------------------------------------------------------------------------------------
const table = syntheticTable();
const objects = Array.from({ length: N_RUNS }, (_, i) => {
  const o: Record<string, number> = {};
  for (const [id, col] of table.columns) o[id] = col[i];
  o.status = table.status[i];
  return o;
});
const query = {
  filters: [
    { column: 'wE', min: 10, max: 80 },
    { column: 'm3', min: 20 },
    { column: 'rateIn', max: 90 },
  ],
  statuses: ['ok' as const],
  sort: { column: 'm7', descending: true },
  offset: 0,
  limit: 100,
};
// Each repetition moves a bound by a hair so that every query is fresh (no cached order), as when brushing.
const fresh = (r: number) => ({
  ...query,
  filters: [{ ...query.filters[0], min: 10 + r * 1e-9 }, ...query.filters.slice(1)],
});
const typedMs = timeIt((r) => queryTable(table, fresh(r)), 10);
const filterOnlyMs = timeIt((r) => queryTable(table, { ...fresh(r), sort: undefined }), 10);
const deepMs = timeIt((r) => queryTable(table, { ...fresh(r), offset: 20_000 }), 10);
const baselineMs = timeIt(
  () =>
    objects
      .filter((o) => o.status === 0 && o.wE >= 10 && o.wE <= 80 && o.m3 >= 20 && o.rateIn <= 90)
      .sort((a, b) => b.m7 - a.m7)
      .slice(0, 100),
  10,
);
const total = queryTable(table, query).total;

console.log(`\nLibrary query on ${N_RUNS.toLocaleString()} runs x ${table.columns.size} columns (${total} rows pass)`);
console.table([
  {
    case: 'typed columns: 3 range filters + status + sort + page',
    ms: +typedMs.toFixed(2),
    'ratio vs baseline': +(typedMs / baselineMs).toFixed(3),
  },
  {
    case: 'typed columns: filters + status, no sort',
    ms: +filterOnlyMs.toFixed(2),
    'ratio vs baseline': +(filterOnlyMs / baselineMs).toFixed(3),
  },
  {
    case: 'typed columns: same, page at offset 20,000 (full sort)',
    ms: +deepMs.toFixed(2),
    'ratio vs baseline': +(deepMs / baselineMs).toFixed(3),
  },
  { case: 'baseline: array of row objects, filter + sort', ms: +baselineMs.toFixed(2), 'ratio vs baseline': 1 },
]);

// --- Bytes per spike ------------------------------------------------------------------------------------------------
const rows: Record<string, string | number>[] = [];
function measure(label: string, recs: { rec: SpikeRecord; dtMs: number }[]) {
  let spikes = 0;
  let ours = 0;
  let zl = 0;
  let encMs = 0;
  let decMs = 0;
  for (const { rec, dtMs } of recs) {
    spikes += rec.neuron.length;
    const t0 = performance.now();
    const b = encodeSpikes(rec, dtMs);
    const t1 = performance.now();
    const back = decodeSpikes(b);
    decMs += performance.now() - t1;
    encMs += t1 - t0;
    if (back.neuron.length !== rec.neuron.length || back.timeMs.some((t, i) => t !== rec.timeMs[i]))
      throw new Error('round trip failed');
    ours += b.length;
    zl += zlibVarintBytes(rec, dtMs);
  }
  rows.push(
    {
      trains: label,
      codec: 'Rice or deflate steps (ours)',
      'bytes/spike': +(ours / spikes).toFixed(3),
      'ratio vs zlib baseline': +(ours / zl).toFixed(3),
      'Mspikes/s enc': +(spikes / encMs / 1000).toFixed(2),
      'Mspikes/s dec': +(spikes / decMs / 1000).toFixed(2),
    },
    {
      trains: label,
      codec: 'baseline: zlib(delta varints)',
      'bytes/spike': +(zl / spikes).toFixed(3),
      'ratio vs zlib baseline': 1,
      'Mspikes/s enc': '',
      'Mspikes/s dec': '',
    },
    {
      trains: label,
      codec: 'raw uint32 id + float64 time',
      'bytes/spike': 12,
      'ratio vs zlib baseline': +((12 * spikes) / zl).toFixed(3),
      'Mspikes/s enc': '',
      'Mspikes/s dec': '',
    },
  );
}
measure(
  'Poisson AI, N=1000, 5 Hz, 2 s',
  [1, 2, 3].map((s) => ({ rec: poisson(1000, 5, 2000, 0.1, s), dtMs: 0.1 })),
);
measure(
  'Poisson AI, N=1000, 20 Hz, 2 s',
  [4, 5].map((s) => ({ rec: poisson(1000, 20, 2000, 0.1, s), dtMs: 0.1 })),
);
const plan = planLibrary({ name: 'bench', space: exampleSpace(), nSets: 16, seed: 5 });
const simRuns: { rec: SpikeRecord; dtMs: number }[] = [];
for (let i = 0; simRuns.length < 4 && i < 16; i++) {
  const r = plan.run(i);
  if (r.point.violated.length) continue;
  const out = simulateForLibrary(r.point.spec, r.seed);
  // Asynchronous irregular runs only (the target regime): moderate rates.
  const rate = out.spikes.neuron.length / out.spikes.nNeurons / (out.spikes.durationMs / 1000);
  if (out.status === 'ok' && rate < 60) simRuns.push({ rec: out.spikes, dtMs: out.dtMs! });
}
if (simRuns.length) measure(`COBA simulator, N=1000, 1 s (${simRuns.length} runs)`, simRuns);
console.log('\nSpike storage');
console.table(rows);

// --- A real 100,000-run library on disk: Arrow shards loaded into typed columns, queried through the service -----
const tmp = await mkdtemp(path.join(os.tmpdir(), 'lodyn-bench-'));
try {
  const tiny = (seed: number): SpikeRecord => ({
    neuron: Uint32Array.from([seed % 10]),
    timeMs: Float64Array.from([(seed % 1000) * 0.1]),
    nNeurons: 10,
    durationMs: 100,
    populations: [],
  });
  const svc = new LibraryService(
    tmp,
    await openCatalogue(tmp, 'bench'),
    'bench',
    {},
    {
      runOne: (_spec, seed) => ({ spikes: tiny(seed), status: 'ok', wallMs: 0, dtMs: 0.1 }),
      // 20 metric columns with values derived from the seed (stand-ins: the store and query cost is what is measured).
      metrics: (_s, _spec, columns) => Object.fromEntries((columns ?? []).map((c, k) => [c, (k + 1) * Math.random()])),
      metricInfo: () => ({}),
      defaultMetricIds: Array.from({ length: 20 }, (_, k) => `metric${k}`),
      concurrency: 1,
    },
  );
  const spec = { name: 'bench', space: exampleSpace(), nSets: N_RUNS, seed: 9, runsPerShard: 2000 };
  const tGen = performance.now();
  const rec = await svc.create(spec);
  await (
    await svc.startGeneration(rec.id)
  ).done;
  const genS = (performance.now() - tGen) / 1000;
  svc.invalidate(rec.id);
  const tLoad = performance.now();
  const loaded = await svc.table(rec.id);
  const loadMs = performance.now() - tLoad;
  const q = {
    filters: [
      { column: 'wE', min: 0.3, max: 1.2 },
      { column: 'metric3', min: 0.5 },
      { column: 'tauM', max: 25 },
    ],
    statuses: ['ok' as const],
    sort: { column: 'metric7', descending: true },
    offset: 0,
    limit: 100,
  };
  const freshQ = (r: number) => ({ ...q, filters: [{ ...q.filters[0], min: 0.3 + r * 1e-9 }, ...q.filters.slice(1)] });
  let res = await svc.query(rec.id, freshQ(-1));
  const reps = 10;
  const tq = performance.now();
  for (let r = 0; r < reps; r++) res = await svc.query(rec.id, freshQ(r));
  const queryMs = (performance.now() - tq) / reps;
  const tf = performance.now();
  for (let r = 0; r < reps; r++) await svc.query(rec.id, { ...freshQ(r + 100), sort: undefined });
  const filterMs = (performance.now() - tf) / reps;
  console.log(
    `\nOn-disk library: ${loaded.nRows.toLocaleString()} runs, ${loaded.columns.size} numeric columns, ${loaded.shardsLoaded.length} shards`,
  );
  console.table([
    {
      step: 'generate (trivial run function; store cost only)',
      ms: +(genS * 1000).toFixed(0),
      'ratio vs baseline': '',
    },
    { step: 'load + verify all shards into typed columns', ms: +loadMs.toFixed(1), 'ratio vs baseline': '' },
    {
      step: `library:query filter+status+sort+page (${res.total} pass)`,
      ms: +queryMs.toFixed(2),
      'ratio vs baseline': +(queryMs / baselineMs).toFixed(3),
    },
    {
      step: 'library:query filter+status, no sort',
      ms: +filterMs.toFixed(2),
      'ratio vs baseline': +(filterMs / baselineMs).toFixed(3),
    },
  ]);
  if (queryMs > 100) console.log('WARNING: the filter answer took over 100 ms on 100,000 runs');
} finally {
  await rm(tmp, { recursive: true, force: true });
}
