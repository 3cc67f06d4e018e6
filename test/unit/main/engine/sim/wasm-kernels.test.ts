// The WebAssembly SIMD kernels against the TypeScript ones: the same bits for exp and for whole runs, and the embedded
// module compiled from the committed AssemblyScript source.
import { describe, expect, it } from 'vitest';
import { parseNetworkSpec, type NetworkSpecInput } from '../../../../../src-shared/model/network-spec';
import { detExp } from '../../../../../src-main/engine/sim/det-math';
import { Rng } from '../../../../../src-main/engine/sim/rng';
import { runSimulation, type SimulationResult } from '../../../../../src-main/engine/sim/run-simulation';
import { buildNetwork } from '../../../../../src-main/engine/sim/network-builder';
import { createKernel } from '../../../../../src-main/engine/sim/neuron-models';
import { SimArena, arenaBytes, resolveSimKernel } from '../../../../../src-main/engine/sim/wasm/sim-wasm';
import { SIM_KERNELS_WASM_BASE64 } from '../../../../../src-main/engine/sim/wasm/sim-kernels-wasm';
// @ts-expect-error: a plain .mjs build script without type declarations
import { compileSimKernels } from '../../../../../scripts/build-wasm.mjs';

const bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];

function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Every output of two runs, compared byte for byte. */
function expectSameRun(a: SimulationResult, b: SimulationResult, label: string): void {
  expect(a.spikeCount, label).toBeGreaterThan(0);
  expect(b.spikeCount, label).toBe(a.spikeCount);
  expect(b.status, label).toBe(a.status);
  expect(sameBits(a.spikes.neuron, b.spikes.neuron), `${label}: spike ids`).toBe(true);
  expect(sameBits(a.spikes.timeMs, b.spikes.timeMs), `${label}: spike times`).toBe(true);
  expect(sameBits(a.rate.all, b.rate.all), `${label}: rates`).toBe(true);
  if (a.vTraces || b.vTraces) expect(sameBits(a.vTraces!.vMv, b.vTraces!.vMv), `${label}: V traces`).toBe(true);
}

describe('wasm SIMD simulator kernels', () => {
  it('is available on this engine (CI machines support wasm SIMD)', () => {
    expect(resolveSimKernel('auto')).toBe('wasm-simd');
    expect(resolveSimKernel('js')).toBe('js');
    const saved = process.env.LODYN_SIM_KERNEL;
    process.env.LODYN_SIM_KERNEL = 'js';
    try {
      expect(resolveSimKernel('auto')).toBe('js');
      expect(resolveSimKernel('wasm-simd')).toBe('wasm-simd');
    } finally {
      if (saved === undefined) delete process.env.LODYN_SIM_KERNEL;
      else process.env.LODYN_SIM_KERNEL = saved;
    }
  });

  it('computes exp with the bits of detExp, scalar and on both SIMD lanes, edge cases included', () => {
    const arena = SimArena.create(arenaBytes([[2, 8]]))!;
    const out = arena.f64(2);
    const { detExp: wasmExp, detExpPair } = arena.exports;
    const rng = new Rng(3, 0);
    const xs: number[] = [0, -0, 1e-300, -1e-300, 0.34, -0.34, 0.3399999, 0.5, -0.5, 1, -1, 20, -20];
    xs.push(-707.9, -708, -708.1, 708.9, 709, 709.7, 709.79, -744, -745.2, -1000, 1000, NaN, Infinity, -Infinity);
    for (let k = -1100; k <= 1100; k += 37) xs.push(k * Math.LN2, k * Math.LN2 + 0.5 * Math.LN2);
    for (let i = 0; i < 5000; i++) xs.push((rng.uniform() - 0.5) * 1500, -rng.uniform() * 2, -rng.uniform() * 0.4);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const y = xs[(i * 7 + 3) % xs.length];
      const want = detExp(x);
      expect(bits(wasmExp(x)), `exp(${x})`).toBe(bits(want));
      const lane0 = detExpPair(x, y, out.byteOffset + 8);
      expect(bits(lane0), `lane 0 exp(${x})`).toBe(bits(want));
      expect(bits(out[1]), `lane 1 exp(${y})`).toBe(bits(detExp(y)));
    }
  });

  const small = (model: 'coba-lif' | 'cuba-lif', extra: Partial<NetworkSpecInput> = {}) =>
    parseNetworkSpec({
      model,
      // Odd population sizes: the E/I boundary falls inside a SIMD pair and each population has a scalar tail.
      network: { nNeurons: 401, fractionE: 0.8 },
      connectivity: { EE: { p: 0.1 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
      simulation: { durationMs: 300 },
      recording: { vTraceCount: 3 },
      ...extra,
    } as NetworkSpecInput);

  it('gives bit-identical runs to the TypeScript kernels (COBA, CUBA; input, delays, current, subsets)', () => {
    const variants: Array<[string, Partial<NetworkSpecInput>]> = [
      ['defaults', {}],
      ['Poisson input', { input: { E: { poissonRateHz: 8, poissonSources: 50, poissonWeight: 0.3 } } }],
      ['constant current', { input: { E: { current: 4 }, I: { current: 2 } } }],
      [
        'delays and a recorded subset',
        {
          connectivity: {
            EE: { p: 0.1, delayMinSteps: 1, delayMaxSteps: 15 },
            EI: { p: 0.1 },
            IE: { p: 0.1, delayMinSteps: 0, delayMaxSteps: 4 },
            II: { p: 0.1 },
          },
          recording: { recordFraction: 0.3, vTraceCount: 2 },
        },
      ],
    ] as Array<[string, Partial<NetworkSpecInput>]>;
    for (const model of ['coba-lif', 'cuba-lif'] as const) {
      for (const [name, extra] of variants) {
        const spec = small(model, extra);
        for (const seed of [1, 2]) {
          const js = runSimulation(spec, seed, { kernel: 'js' });
          const wasm = runSimulation(spec, seed, { kernel: 'wasm-simd' });
          expect(js.kernel).toBe('js');
          expect(wasm.kernel).toBe('wasm-simd');
          expectSameRun(js, wasm, `${model}, ${name}, seed ${seed}`);
        }
      }
    }
  });

  it('runs the Brette et al. 2007 defaults bit-identically (4000 neurons, 200 ms)', () => {
    for (const model of ['coba-lif', 'cuba-lif'] as const) {
      const spec = parseNetworkSpec({ model, simulation: { durationMs: 200 } });
      expectSameRun(runSimulation(spec, 4, { kernel: 'js' }), runSimulation(spec, 4, { kernel: 'wasm-simd' }), model);
    }
  });

  it('matches on extreme conductances, where exp leaves its fast range (|x| ≥ 708) or overflows', () => {
    // g_e ~ N(300, 300) with dt/τ_m = 2: many neurons start with g_tot·dt/τ_m > 708, some with g_tot < 0.
    const spec = small('coba-lif', {
      simulation: { durationMs: 300, dtMs: 1 },
      neuron: { tauMMs: 0.5 },
      init: { geMean: 300, geSd: 300, giMean: 0, giSd: 100 },
      recording: { vTraceCount: 20 },
    } as Partial<NetworkSpecInput>);
    expectSameRun(runSimulation(spec, 1, { kernel: 'js' }), runSimulation(spec, 1, { kernel: 'wasm-simd' }), 'extreme');
  });

  it('keeps every state variable bit-identical, step by step, under random synaptic input', () => {
    // Whole runs compare spikes and float32 traces, which can hide a 1-ulp difference in V; this compares the f64
    // state itself after every step. Input: random increments of g_e, g_i (some large) before each step.
    for (const model of ['coba-lif', 'cuba-lif', 'coba-nmda-lif', 'adex', 'izhikevich'] as const) {
      for (const n of [401, 402, 7]) {
        const spec = parseNetworkSpec({
          model,
          network: { nNeurons: n, fractionE: 0.8 },
          connectivity: { EE: { p: 0.1 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
        } as NetworkSpecInput);
        const layout = buildNetwork(spec, 3);
        const js = createKernel(spec, layout, 3);
        // Room for the largest family (Izhikevich: 9 f64 arrays), the refractory counters and the spiked ids.
        const f64Arrays = Array.from({ length: 9 }, () => [n, 8] as const);
        const arena = SimArena.create(arenaBytes([...f64Arrays, [n, 4], [n, 4]]))!;
        const wasm = createKernel(spec, layout, 3, arena);
        const outJs = new Int32Array(n);
        const outWasm = arena.i32(n);
        const rng = new Rng(11, 0);
        // Increments in each family's unit: g_L multiples (COBA), mV (CUBA, Izhikevich), nS (AdEx).
        const scale = model === 'adex' ? 40 : model === 'izhikevich' ? 10 : 1;
        let spikes = 0;
        for (let step = 0; step < 400; step++) {
          for (let i = 0; i < n; i++) {
            const de = rng.uniform() < 0.05 ? rng.uniform() * 3 * scale : 0;
            const di = rng.uniform() < 0.02 ? rng.uniform() * 20 * scale : 0;
            js.exc[i] += de;
            wasm.exc[i] += de;
            js.inh[i] += di;
            wasm.inh[i] += di;
            if (js.nmda && wasm.nmda) {
              js.nmda[i] += de * js.nmdaFactor;
              wasm.nmda[i] += de * wasm.nmdaFactor;
            }
          }
          const cJs = js.step(outJs);
          const cWasm = wasm.step(outWasm);
          spikes += cJs;
          expect(cWasm).toBe(cJs);
          expect(Array.from(outWasm.subarray(0, cWasm))).toEqual(Array.from(outJs.subarray(0, cJs)));
          const nmdaDiffers = js.nmda !== null && !sameBits(js.nmda, wasm.nmda!);
          if (!sameBits(js.v, wasm.v) || !sameBits(js.exc, wasm.exc) || !sameBits(js.inh, wasm.inh) || nmdaDiffers) {
            throw new Error(`${model}, n = ${n}: state differs after step ${step}`);
          }
        }
        if (n > 100) expect(spikes, `${model}, n = ${n}`).toBeGreaterThan(0);
      }
    }
  });

  it("takes exp's k = 0 shortcut (|g_tot·dt/τ_m| < 0.34) with the same bits, in mixed vectors and at the edge", () => {
    // g_tot·dt/τ_m = 0.34 at g_tot = 68 (dt/τ_m = 0.005): conductances around ±68 put lanes on both sides of the
    // shortcut's bound within one vector; 0 and tiny values test signed zeros. Unphysical, but the math must hold.
    for (const model of ['coba-lif', 'coba-nmda-lif'] as const) {
      const n = 64;
      const spec = parseNetworkSpec({ model, network: { nNeurons: n, fractionE: 0.5 } } as NetworkSpecInput);
      const layout = buildNetwork(spec, 1);
      const js = createKernel(spec, layout, 1);
      const arena = SimArena.create(arenaBytes([...Array.from({ length: 9 }, () => [n, 8] as const), [n, 4], [n, 4]]))!;
      const wasm = createKernel(spec, layout, 1, arena);
      const outJs = new Int32Array(n);
      const outWasm = arena.i32(n);
      const rng = new Rng(5, 0);
      const edge = [67, 67.0000000001, 66.9999999999, -69, -68.99999999, -1, -1 + 1e-300, 0, 1e-300, -67];
      for (let step = 0; step < 200; step++) {
        for (let i = 0; i < n; i++) {
          const g = rng.uniform() < 0.3 ? edge[(i + step) % edge.length] : (rng.uniform() - 0.5) * 150;
          js.exc[i] = wasm.exc[i] = g;
          js.inh[i] = wasm.inh[i] = rng.uniform() < 0.5 ? 0 : rng.uniform();
          js.v[i] = wasm.v[i] = -70 + rng.uniform() * 15;
        }
        expect(wasm.step(outWasm)).toBe(js.step(outJs));
        if (!sameBits(js.v, wasm.v)) throw new Error(`${model}: V differs after step ${step}`);
      }
    }
  });

  it('runs AdEx (conductance and current synapses) and Izhikevich bit-identically, with input and current', () => {
    // Each family with its default Poisson input plus a constant current into I (pA for AdEx); current synapses
    // take weights in pA, so their input weight is raised to make the network fire.
    const families: Array<[string, Record<string, unknown>]> = [
      ['adex', { model: 'adex', input: { I: { current: 40 } } }],
      [
        'adex, current synapses',
        {
          model: 'adex',
          synapse: { kind: 'current' },
          input: { E: { poissonWeight: 300 }, I: { poissonWeight: 300, current: 40 } },
        },
      ],
      ['izhikevich', { model: 'izhikevich', input: { I: { current: 2 } } }],
    ];
    for (const [name, base] of families) {
      const spec = parseNetworkSpec({
        ...base,
        network: { nNeurons: 401, fractionE: 0.8 },
        connectivity: { EE: { p: 0.1 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
        simulation: { durationMs: 300 },
        recording: { vTraceCount: 3 },
      } as NetworkSpecInput);
      for (const seed of [1, 2]) {
        const js = runSimulation(spec, seed, { kernel: 'js' });
        const wasm = runSimulation(spec, seed, { kernel: 'wasm-simd' });
        expect(wasm.kernel).toBe('wasm-simd');
        expectSameRun(js, wasm, `${name}, seed ${seed}`);
      }
    }
  });

  it('runs COBA+NMDA bit-identically, with and without delays', () => {
    for (const delays of [false, true]) {
      const delayed = { p: 0.1, delayMinSteps: 1, delayMaxSteps: 10 };
      const spec = parseNetworkSpec({
        model: 'coba-nmda-lif',
        network: { nNeurons: 401, fractionE: 0.8 },
        connectivity: delays
          ? { EE: delayed, EI: delayed, IE: { p: 0.1 }, II: { p: 0.1 } }
          : { EE: { p: 0.1 }, EI: { p: 0.1 }, IE: { p: 0.1 }, II: { p: 0.1 } },
        simulation: { durationMs: 300 },
        recording: { vTraceCount: 3 },
      } as NetworkSpecInput);
      for (const seed of [1, 2]) {
        const js = runSimulation(spec, seed, { kernel: 'js' });
        const wasm = runSimulation(spec, seed, { kernel: 'wasm-simd' });
        expect(wasm.kernel).toBe('wasm-simd');
        expectSameRun(js, wasm, `coba-nmda-lif, delays ${delays}, seed ${seed}`);
      }
    }
  });

  it('declines arenas beyond wasm32 memory, so such runs fall back to TypeScript', () => {
    expect(SimArena.create(5 * 2 ** 30)).toBeNull();
  });

  it('hands every run zeroed memory, though runs of a thread reuse one memory', () => {
    const a = SimArena.create(arenaBytes([[1000, 8]]))!;
    a.f64(1000).fill(7);
    const b = SimArena.create(arenaBytes([[1000, 8]]))!;
    expect(b.f64(1000).every((x) => x === 0)).toBe(true);
  });

  it('refuses to hand out more memory than the arena was sized for, even when its memory is larger', () => {
    const arena = SimArena.create(arenaBytes([[10, 8]]))!;
    arena.f64(10);
    expect(() => arena.f64(1 << 20)).toThrow(/out of the memory/);
  });

  it('embeds exactly what the committed AssemblyScript source compiles to', async () => {
    const wasm: Buffer = await compileSimKernels();
    expect(wasm.toString('base64')).toBe(SIM_KERNELS_WASM_BASE64);
  });
});
