// Simulator benchmarks: COBA/CUBA defaults against Brian2 cpp_standalone's main loop in the same run, a scale
// series, pool throughput (1 worker vs all cores), and a sweep's runs per hour.
// Env: LODYN_BENCH_QUICK=1 skips the 10 s runs and the 64k network; LODYN_BENCH_NO_BRIAN=1 skips Brian2.
//
// Brian2's `_last_run_time` without OpenMP is std::clock(): the main loop's CPU time, not wall time. On a shared
// machine wall time also counts the time waiting for a core, so the like-for-like ratio is ours in CPU time
// (process.cpuUsage over the loop) against Brian2's; the wall-time ratio is printed beside it.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNetworkSpec, type NetworkSpec, type NetworkSpecInput } from '../../src-shared/model/network-spec';
import { SimPool } from '../../src-main/engine/jobs/sim-pool';
import { exportBrian2 } from '../../src-main/engine/sim/brian2-export';
import { runSimulation } from '../../src-main/engine/sim/run-simulation';
import type { SimKernelChoice } from '../../src-main/engine/sim/wasm/sim-wasm';

const QUICK = Boolean(process.env.LODYN_BENCH_QUICK);
const PYTHON = '/usr/bin/python3';
const hasBrian =
  !process.env.LODYN_BENCH_NO_BRIAN && spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0;
// Standalone builds are cached here between bench runs (a first build takes ~45 s per model).
const buildRoot = path.join(os.tmpdir(), 'lodyn-bench-brian2');
mkdirSync(buildRoot, { recursive: true });

/** Main-loop CPU seconds of Brian2 cpp_standalone (its own `_last_run_time`, std::clock), best of `reps` runs. */
function brianMainLoopS(spec: NetworkSpec, tag: string, reps: number): number | null {
  if (!hasBrian) return null;
  const file = path.join(buildRoot, `${tag}.py`);
  writeFileSync(file, exportBrian2(spec, 1));
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const out = execFileSync(PYTHON, [file, '--device', 'cpp_standalone', '--build-dir', path.join(buildRoot, tag)], {
      cwd: buildRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20,
    });
    const line = out.split('\n').find((l) => l.startsWith('LODYN_RESULT '));
    if (!line) return null;
    best = Math.min(best, JSON.parse(line.slice(13)).mainLoopS as number);
  }
  return best;
}

/** Our main-loop ms (wall, and CPU of the process from the end of step 1 on) and setup ms, best of `reps` runs. */
function oursMs(
  spec: NetworkSpec,
  reps: number,
  kernel: SimKernelChoice = 'auto',
): { runMs: number; cpuMs: number; setupMs: number; rateE: number; kernel: string } {
  let best = { runMs: Infinity, cpuMs: Infinity, setupMs: Infinity, rateE: 0, kernel: '' };
  for (let r = 0; r < reps; r++) {
    let cpu0: NodeJS.CpuUsage | undefined;
    // Progress after every step: the first call marks the loop's start (one call per step costs microseconds).
    const res = runSimulation(spec, 1 + r, {
      kernel,
      progressEverySteps: 1,
      onProgress: (_f, step) => {
        if (step === 1) cpu0 = process.cpuUsage();
      },
    });
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    best = {
      runMs: Math.min(best.runMs, res.runMs),
      cpuMs: Math.min(best.cpuMs, cpuMs),
      setupMs: Math.min(best.setupMs, res.setupMs),
      rateE: res.populations.E.rateHz,
      kernel: res.kernel,
    };
  }
  return best;
}

// Every benchmark run simulates its whole duration, as Brian2 does: the quiescence guard would otherwise stop a network
// whose activity died out (the N = 1000, K = 80 sweep networks all do, after ~0.3 s), flattering our side 3-fold.
const spec = (input: NetworkSpecInput) =>
  parseNetworkSpec({ ...input, guards: { ...input.guards, quiescentWindowMs: 10_000_000 } });
const inDegree80 = (model: 'coba-lif' | 'cuba-lif', n: number, durationMs: number) =>
  spec({
    model,
    network: { nNeurons: n },
    simulation: { durationMs },
    connectivity: {
      EE: { rule: 'fixed-indegree', k: 64 },
      EI: { rule: 'fixed-indegree', k: 64 },
      IE: { rule: 'fixed-indegree', k: 16 },
      II: { rule: 'fixed-indegree', k: 16 },
    },
  });

const rows: string[][] = [];
const fmt = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(d));

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(2)}; Brian2: ${hasBrian ? 'yes' : 'no'}`,
);
console.log(
  'Times are the best of the repetitions (the machine is shared). ratio CPU = our main-loop CPU time / Brian2 main-loop CPU\n' +
    'time (std::clock, like for like); ratio wall/CPU = our wall time / the same Brian2 figure (penalises us under load).\n',
);

/** A table row for a default spec simulated for `seconds`: ours per simulated second, Brian2's, and the ratios. */
function defaultRow(model: string, seconds: number, ours: ReturnType<typeof oursMs>, brian: number | null): string[] {
  return [
    `${model} default, ${seconds} s, ${ours.kernel}`,
    fmt(ours.runMs / 1000 / seconds),
    fmt(ours.cpuMs / 1000 / seconds),
    fmt(brian === null ? null : brian / seconds),
    fmt(brian === null ? null : ours.cpuMs / 1000 / brian, 2),
    fmt(brian === null ? null : ours.runMs / 1000 / brian, 2),
    `${fmt(ours.setupMs, 0)} ms setup, E ${ours.rateE.toFixed(1)} Hz`,
  ];
}

// 1. Defaults at 1 s and 10 s, with the shipped kernel (wasm SIMD) and, at 1 s, the TypeScript fallback as baseline.
for (const model of ['coba-lif', 'cuba-lif'] as const) {
  for (const seconds of QUICK ? [1] : [1, 10]) {
    const s = spec({ model, simulation: { durationMs: seconds * 1000 } });
    const reps = seconds === 1 ? 3 : 1;
    const brian = brianMainLoopS(s, `${model}-${seconds}s`, reps);
    for (const kernel of seconds === 1 ? (['auto', 'js'] as const) : (['auto'] as const)) {
      rows.push(defaultRow(model, seconds, oursMs(s, reps, kernel), brian));
    }
  }
}

// 1b. The other families' defaults at 1 s, wasm SIMD, against the same model in Brian2 (the issue asks every family
// to be no slower than Brian2's C++, not only the two benchmarks).
for (const model of ['coba-nmda-lif', 'adex', 'izhikevich'] as const) {
  const s = spec({ model, simulation: { durationMs: 1000 } });
  const reps = QUICK ? 1 : 2;
  const brian = brianMainLoopS(s, `${model}-1s`, reps);
  rows.push(defaultRow(model, 1, oursMs(s, reps), brian));
}

// 2. Scale series at in-degree 80 (COBA, 1 s).
for (const n of QUICK ? [1000, 4000, 16000] : [1000, 4000, 16000, 64000]) {
  const s = inDegree80('coba-lif', n, 1000);
  const ours = oursMs(s, n <= 4000 ? 3 : 1);
  // Brian2 at every size in full mode (each size is one more standalone build, ~45 s); 1k and 4k in quick mode.
  const brian = !QUICK || n <= 4000 ? brianMainLoopS(s, `coba-k80-${n}`, n <= 4000 ? 2 : 1) : null;
  rows.push([
    `coba-lif N=${n}, K=80, 1 s`,
    fmt(ours.runMs / 1000),
    fmt(ours.cpuMs / 1000),
    fmt(brian),
    fmt(brian === null ? null : ours.cpuMs / 1000 / brian, 2),
    fmt(brian === null ? null : ours.runMs / 1000 / brian, 2),
    `${fmt(ours.setupMs, 0)} ms setup, E ${ours.rateE.toFixed(1)} Hz`,
  ]);
}

// 3. A 1 s N = 1000 COBA run, construction included (target < 150 ms).
{
  const s = inDegree80('coba-lif', 1000, 1000);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    runSimulation(s, 100 + r);
    best = Math.min(best, performance.now() - t0);
  }
  rows.push(['coba-lif N=1000 1 s, build + run (ms, wall)', fmt(best, 0), '', '', '', '', 'target < 150 ms']);
}

console.log(
  table(
    [
      'case',
      'ours wall (s / sim s)',
      'ours CPU (s / sim s)',
      'Brian2 cpp CPU (s / sim s)',
      'ratio CPU',
      'ratio wall/CPU',
      'notes',
    ],
    rows,
  ) + '\n',
);

// 4. Pool throughput: 32 COBA runs of N = 1000 for 1 s, one worker vs the pool.
// 5. Sweep: 64 runs with new E/I weights and seeds each, runs per hour through the pool.
{
  const base = inDegree80('coba-lif', 1000, 1000);
  const throughput = async (threads: number, count: number, vary: boolean) => {
    const pool = new SimPool(threads);
    // Warm the workers with two whole runs each (thread start, tsx registration and JIT compilation are not part of
    // the throughput; the ceiling's processes warm up the same way).
    await Promise.all(Array.from({ length: 2 * threads }, (_, i) => pool.run(base, i)));
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const s: NetworkSpec = structuredClone(base);
        if (vary) {
          const f = 0.8 + (0.4 * ((i * 7919) % 64)) / 64;
          const g = 0.8 + (0.4 * ((i * 104729) % 64)) / 64;
          for (const k of ['EE', 'EI'] as const) s.connectivity[k].weight *= f;
          for (const k of ['IE', 'II'] as const) s.connectivity[k].weight *= g;
        }
        return pool.run(s, 1000 + i);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await pool.close();
    const completed = results.filter((r) => r.status === 'completed' && r.simulatedMs === 1000).length;
    if (completed !== count) throw new Error(`only ${completed} of ${count} runs simulated the whole second`);
    const meanRateHz = results.reduce((a, r) => a + r.spikeCount / 1000, 0) / count;
    return { seconds, meanRateHz };
  };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  // Latency of one short run through a warm pool: what a pool call adds to the simulation itself.
  const latency = await (async () => {
    const pool = new SimPool(1);
    const short = { ...base, simulation: { ...base.simulation, durationMs: 10 } };
    await pool.run(short, 0);
    const t0 = performance.now();
    const res = await pool.run(short, 1);
    const ms = performance.now() - t0;
    await pool.close();
    return { ms, inside: res.setupMs + res.runMs };
  })();
  // Best of alternating repetitions: this machine's two vCPUs slow each other down by 0-40% from minute to minute
  // (the host's load), so one measurement of each says little. The same runs in independent processes give the
  // machine's own ceiling for the speed-up, measured in this run.
  const reps = QUICK ? 2 : 3;
  let one = Infinity;
  let all = Infinity;
  for (let r = 0; r < reps; r++) {
    one = Math.min(one, (await throughput(1, 32, false)).seconds);
    all = Math.min(all, (await throughput(cores, 32, false)).seconds);
  }
  const ceiling = await processCeiling(base, cores, 32, reps);
  const sweepRun = await throughput(cores, 64, true);
  const sweep = sweepRun.seconds;
  const perHour = (64 / sweep) * 3600;
  const brian = await brianSweep(cores, QUICK ? 8 : 32);
  const brianCell = brian
    ? `${fmt(brian.perHour, 0)} (Brian2 cython runtime, ${cores} processes × ${brian.runsPerProcess} runs, same run; mean rate ${fmt(brian.meanRateHz, 1)} Hz)`
    : '– (no Brian2)';
  console.log(
    table(
      ['throughput', 'value', 'baseline', 'ratio'],
      [
        [
          'one 10 ms run through a warm pool (ms, wall)',
          fmt(latency.ms, 0),
          `${fmt(latency.inside, 0)} ms setup + loop in the worker`,
          `${fmt(latency.ms - latency.inside, 0)} ms overhead`,
        ],
        ['32 × COBA N=1000 1 s, 1 worker (s)', fmt(one, 2), '', ''],
        [`32 × COBA N=1000 1 s, pool of ${cores} (s)`, fmt(all, 2), fmt(one, 2), `speed-up ${fmt(one / all, 2)}×`],
        [
          `the same in ${cores} independent processes (s; the machine's ceiling)`,
          fmt(ceiling.parallel, 2),
          `${fmt(ceiling.single, 2)} in one process`,
          `speed-up ${fmt(ceiling.single / ceiling.parallel, 2)}×; the pool's time is ${fmt(all / ceiling.parallel, 2)}× theirs`,
        ],
        [
          `sweep 64 × COBA N=1000 K=80 1 s, pool of ${cores} (runs/h; mean rate ${fmt(sweepRun.meanRateHz, 1)} Hz)`,
          fmt(perHour, 0),
          brianCell,
          brian ? `${fmt(perHour / brian.perHour, 2)}×` : '',
        ],
        [
          "the same against the issue's figure (not measured here)",
          fmt(perHour, 0),
          '12,000–20,000 (Brian2 cython, 2 processes)',
          `${fmt(perHour / 20_000, 2)}–${fmt(perHour / 12_000, 2)}×`,
        ],
      ],
    ),
  );
}

/**
 * Seconds for `count` runs of `spec` split over `processes` independent Node processes started together (each warmed
 * up first, then released at once; the slowest sets the time), and in one process, best of `reps` each.
 */
async function processCeiling(
  spec: NetworkSpec,
  processes: number,
  count: number,
  reps: number,
): Promise<{ single: number; parallel: number }> {
  const child = path.join(process.cwd(), 'test', 'bench', 'sim-ceiling-child.ts');
  const once = async (k: number): Promise<number> => {
    const per = Math.ceil(count / k);
    const kids = Array.from({ length: k }, (_, p) =>
      spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(spec), String(per), String(1000 + p * per)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const ready: typeof kids = [];
    const lines = kids.map(
      (kid) =>
        new Promise<string[]>((resolve, reject) => {
          let out = '';
          const seen: string[] = [];
          kid.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const parts = out.split('\n');
            out = parts.pop() ?? '';
            for (const line of parts) {
              seen.push(line);
              if (line === 'ready') ready.push(kid);
              if (ready.length === k) for (const r of ready.splice(0)) r.stdin.write('go\n');
            }
          });
          kid.on('error', reject);
          kid.on('exit', (code) => (code === 0 ? resolve(seen) : reject(new Error(`ceiling child exited ${code}`))));
        }),
    );
    const seconds = (await Promise.all(lines)).map((seen) => {
      const line = seen.find((l) => l.startsWith('LODYN_SECONDS '));
      if (!line) throw new Error('ceiling child printed no time');
      return Number(line.slice(14));
    });
    return Math.max(...seconds);
  };
  let single = Infinity;
  let parallel = Infinity;
  for (let r = 0; r < reps; r++) {
    single = Math.min(single, await once(1));
    parallel = Math.min(parallel, await once(processes));
  }
  return { single, parallel };
}

/**
 * Brian2's sweep throughput (test/bench/brian2_sweep.py): `processes` Python processes at once, `runs` each, every
 * run a new network with new weights and seed; runs per hour from the slowest process's timed loop.
 */
async function brianSweep(
  processes: number,
  runs: number,
): Promise<{ perHour: number; runsPerProcess: number; meanRateHz: number } | null> {
  if (!hasBrian) return null;
  const script = path.join(process.cwd(), 'test', 'bench', 'brian2_sweep.py');
  const one = (offset: number) =>
    new Promise<{ seconds: number; meanRateHz: number }>((resolve, reject) => {
      execFile(
        PYTHON,
        [script, '--runs', String(runs), '--offset', String(offset)],
        { cwd: buildRoot, maxBuffer: 16 << 20 },
        (err, stdout) => {
          const line = stdout.split('\n').find((l) => l.startsWith('LODYN_RESULT '));
          if (err || !line) reject(err ?? new Error('brian2_sweep.py printed no result'));
          else resolve(JSON.parse(line.slice(13)) as { seconds: number; meanRateHz: number });
        },
      );
    });
  const out = await Promise.all(Array.from({ length: processes }, (_, p) => one(p * runs)));
  const slowest = Math.max(...out.map((o) => o.seconds));
  const meanRateHz = out.reduce((a, o) => a + o.meanRateHz, 0) / out.length;
  return { perHour: ((processes * runs) / slowest) * 3600, runsPerProcess: runs, meanRateHz };
}

function table(header: string[], body: string[][]): string {
  const all = [header, ...body];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((x, c) => (x ?? '').padEnd(widths[c])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
