// Runs one spec with one seed: build, initialise, then the time-step loop in named phases, with guards and recording.
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { validationError } from '../../../src-shared/contract/envelope';
import type { NetworkSpec, PopulationName } from '../../../src-shared/model/network-spec';
import {
  buildNetwork,
  freshArrays,
  layoutOf,
  type CsrShape,
  type Network,
  type PopulationLayout,
} from './network-builder';
import { createKernel, hasWasmKernel, type Kernel } from './neuron-models';
import { Recorder } from './recorder';
import { Rng, poissonCdf, poissonQuantile as poissonQuantileImported } from './rng';
import { SimArena, arenaBytes, resolveSimKernel, type SimKernelChoice, type SimKernelKind } from './wasm/sim-wasm';

// A module-local binding: tsx's CJS interop turns imported functions into getters, one call per use in a hot loop.
const poissonQuantile = poissonQuantileImported;

export type RunStatus = 'completed' | 'exploded' | 'quiescent' | 'spike-budget' | 'cancelled';

export interface PopulationSummary {
  n: number;
  spikeCount: number;
  /** Mean rate over the simulated time (up to the stop, when a guard stopped the run). */
  rateHz: number;
}

export interface SimulationResult {
  status: RunStatus;
  seed: number;
  /** Why a guard stopped the run, in words. */
  statusMessage?: string;
  /** Network construction and initialisation, ms of wall time. */
  setupMs: number;
  /** The time-step loop, ms of wall time. */
  runMs: number;
  dtMs: number;
  /** Steps simulated and steps planned. */
  steps: number;
  stepsPlanned: number;
  /** Simulated time in ms (steps × dt). */
  simulatedMs: number;
  /** Spikes of all neurons (recorded or not). */
  spikeCount: number;
  /** What ran the neuron and synapse loops (results are bit-identical either way). */
  kernel: SimKernelKind;
  populations: Record<PopulationName, PopulationSummary>;
  nSynapses: number;
  spikes: SpikeRecord;
  /** Population rates in Hz per bin. Shape [nBins] each. */
  rate: { binMs: number; E: Float64Array; I: Float64Array; all: Float64Array };
  /** Membrane potential traces, mV. `vMv` has shape [nTraces, steps] row-major. */
  vTraces: { neuron: Uint32Array; vMv: Float32Array } | null;
}

export interface RunOptions {
  /** Called about every `progressEverySteps` steps with the fraction done. */
  onProgress?: (fraction: number, step: number, stepsPlanned: number) => void;
  /** Polled with the progress: returning true stops the run with status `cancelled`. */
  shouldCancel?: () => boolean;
  /** @default 1000 */
  progressEverySteps?: number;
  /** Overrides `simulation.durationMs`. */
  durationMs?: number;
  /** @default 'auto': WebAssembly SIMD for the models that have it, where the engine supports it. */
  kernel?: SimKernelChoice;
}

/** Builds and runs `spec` with `seed`: every random draw comes from the seed's independent streams. */
export function runSimulation(spec: NetworkSpec, seed: number, opts: RunOptions = {}): SimulationResult {
  const t0 = performance.now();
  const dt = spec.simulation.dtMs;
  const durationMs = opts.durationMs ?? spec.simulation.durationMs;
  const stepsPlanned = Math.round(durationMs / dt);
  if (stepsPlanned < 1) throw validationError('simulation.durationMs', `must cover at least one step of ${dt} ms`);
  const inputParts = poissonParts(spec, layoutOf(spec));
  // The wasm kernels' arena is sized once the synapse count is known, and the builder writes the CSR straight into it.
  let arena = null as SimArena | null;
  const net =
    hasWasmKernel(spec) && resolveSimKernel(opts.kernel) === 'wasm-simd'
      ? buildNetwork(spec, seed, (shape) => (arena = openArena(shape, inputParts)) ?? freshArrays)
      : buildNetwork(spec, seed);
  const kernel = createKernel(spec, net, seed, arena);
  const recorder = new Recorder(spec, net, seed, stepsPlanned);
  const input = createInput(inputParts, seed, arena);
  const { n } = net;
  const spiked = arena ? arena.i32(n) : new Int32Array(n);
  const prop = arena
    ? wasmPropagation(arena, net, kernel)
    : createPropagation(net, kernel.exc, kernel.inh, kernel.nmda, kernel.nmdaFactor);

  // Guards: sliding-window population rate and the time since the last spike.
  const windowSteps = Math.max(1, Math.round(spec.guards.maxRateWindowMs / dt));
  const windowCounts = new Uint32Array(windowSteps);
  let windowSum = 0;
  const maxWindowSpikes = (spec.guards.maxRateHz * n * windowSteps * dt) / 1000;
  const quiescentSteps = Math.max(1, Math.round(spec.guards.quiescentWindowMs / dt));
  let lastSpikeStep = -1;
  const progressEvery = Math.max(1, opts.progressEverySteps ?? 1000);
  const setupMs = performance.now() - t0;

  let status: RunStatus = 'completed';
  let statusMessage: string | undefined;
  const t1 = performance.now();
  let step = 0;
  for (; step < stepsPlanned; step++) {
    // Phase "input": external Poisson spikes into the excitatory variables.
    if (input) input.apply(kernel.exc);
    // Phases "state update", "threshold" and "reset", in one pass over the neurons.
    const count = kernel.step(spiked);
    // Phase "synapses": spikes of this step act on the next update (after their delay).
    prop(spiked, count, step);
    // Phase "record".
    if (!recorder.record(step, spiked, count, kernel.v)) {
      status = 'spike-budget';
      statusMessage = `more than ${spec.guards.maxSpikes} recorded spikes (guards.maxSpikes)`;
      step++;
      break;
    }
    const slot = step % windowSteps;
    windowSum += count - windowCounts[slot];
    windowCounts[slot] = count;
    if (count > 0) lastSpikeStep = step;
    if (windowSum > maxWindowSpikes) {
      status = 'exploded';
      statusMessage = `mean rate above ${spec.guards.maxRateHz} Hz over ${spec.guards.maxRateWindowMs} ms`;
      step++;
      break;
    }
    if (step - lastSpikeStep >= quiescentSteps) {
      status = 'quiescent';
      statusMessage = `no spike for ${spec.guards.quiescentWindowMs} ms`;
      step++;
      break;
    }
    if ((step + 1) % progressEvery === 0) {
      opts.onProgress?.((step + 1) / stepsPlanned, step + 1, stepsPlanned);
      if (opts.shouldCancel?.()) {
        status = 'cancelled';
        statusMessage = 'cancelled';
        step++;
        break;
      }
    }
  }
  const runMs = performance.now() - t1;
  const out = recorder.finish(step);
  const simulatedMs = step * dt;
  const pop = (name: PopulationName, size: number, spikes: number): PopulationSummary => ({
    n: size,
    spikeCount: spikes,
    rateHz: size > 0 && simulatedMs > 0 ? spikes / size / (simulatedMs / 1000) : 0,
  });
  return {
    status,
    ...(statusMessage && status !== 'completed' ? { statusMessage } : {}),
    seed,
    setupMs,
    runMs,
    dtMs: dt,
    steps: step,
    stepsPlanned,
    simulatedMs,
    spikeCount: out.countE + out.countI,
    kernel: arena ? 'wasm-simd' : 'js',
    populations: { E: pop('E', net.nE, out.countE), I: pop('I', net.nI, out.countI) },
    nSynapses: net.nSynapses,
    spikes: out.spikes,
    rate: out.rate,
    vTraces: out.vTraces,
  };
}

interface InputPart {
  start: number;
  end: number;
  cdf: Float64Array;
  weight: number;
}

interface Input {
  /** Adds this step's external spikes to the excitatory variables. */
  apply(exc: Float64Array): void;
}

/** External Poisson input: per neuron and step, k ~ Poisson(sources × rate × dt) spikes of the population's weight. */
class PoissonInput implements Input {
  /** One step's uniforms of the largest part, drawn in one batch. Shape [max part size]. */
  private readonly u: Float64Array;
  constructor(
    private readonly parts: InputPart[],
    private readonly rng: Rng,
  ) {
    this.u = new Float64Array(Math.max(...parts.map((p) => p.end - p.start)));
  }

  apply(exc: Float64Array): void {
    for (let p = 0; p < this.parts.length; p++) {
      const { start, end, cdf, weight } = this.parts[p];
      // The same draws in the same order as one uniform32() per neuron: E's part, then I's.
      this.rng.fillUniform32(this.u, end - start);
      addPoisson(exc, start, end, cdf, weight, this.u);
    }
  }
}

/** `PoissonInput` in wasm: the same stream (its state words live in the arena), draws and sums. */
class WasmPoissonInput implements Input {
  private readonly state: Int32Array;
  private readonly cdfs: Float64Array[];
  constructor(
    private readonly parts: InputPart[],
    rng: Rng,
    private readonly arena: SimArena,
  ) {
    this.state = arena.i32(4);
    rng.saveState(this.state);
    this.cdfs = parts.map((p) => arena.copy(p.cdf));
  }

  apply(exc: Float64Array): void {
    const { poissonInput } = this.arena.exports;
    for (let p = 0; p < this.parts.length; p++) {
      const { start, end, weight } = this.parts[p];
      const cdf = this.cdfs[p];
      poissonInput(this.state.byteOffset, start, end, cdf.byteOffset, cdf.length, weight, exc.byteOffset);
    }
  }
}

/** exc[i] += weight × k_i for i in [start, end), k_i the Poisson quantile of u[i − start]: a top-level hot loop. */
function addPoisson(
  exc: Float64Array,
  start: number,
  end: number,
  cdf: Float64Array,
  weight: number,
  u: Float64Array,
): void {
  const p0 = cdf[0];
  for (let i = start; i < end; i++) {
    const ui = u[i - start];
    // Most draws are 0 at the usual λ per step (≪ 1): one comparison, no search.
    if (ui < p0) continue;
    exc[i] += weight * poissonQuantile(cdf, ui);
  }
}

/** The populations that get Poisson input, with their Poisson CDF per step; validates λ. */
function poissonParts(spec: NetworkSpec, net: PopulationLayout): InputPart[] {
  const parts: InputPart[] = [];
  for (const [name, start, end] of [
    ['E', 0, net.nE],
    ['I', net.nE, net.n],
  ] as const) {
    const inp = spec.input[name];
    const lambda = (inp.poissonSources * inp.poissonRateHz * spec.simulation.dtMs) / 1000;
    if (lambda === 0 || inp.poissonWeight === 0 || end === start) continue;
    if (lambda > 1000) {
      throw validationError(`input.${name}.poissonRateHz`, 'sources × rate × dt must stay ≤ 1000 spikes per step', {
        spikesPerStep: lambda,
      });
    }
    parts.push({ start, end, cdf: poissonCdf(lambda), weight: inp.poissonWeight });
  }
  return parts;
}

function createInput(parts: InputPart[], seed: number, arena: SimArena | null): Input | null {
  if (parts.length === 0) return null;
  const rng = Rng.of(seed, 'input');
  return arena ? new WasmPoissonInput(parts, rng, arena) : new PoissonInput(parts, rng);
}

type Propagate = (spiked: Int32Array, count: number, step: number) => void;

/**
 * An arena for a wasm run: the CSR, the kernel's state and the spiked ids, the input's generator state and CDFs, and
 * with delays, the delays and the rings.
 */
function openArena(shape: CsrShape, inputParts: InputPart[]): SimArena | null {
  const { n, nSynapses, maxDelaySteps } = shape;
  const csr: Array<readonly [number, number]> = [
    [n + 1, 4],
    [nSynapses, 4],
    [nSynapses, 8],
  ];
  if (maxDelaySteps > 0) {
    // Delays, and three rings (E, I, NMDA) of maxDelay + 1 slots × n.
    const ring = [(maxDelaySteps + 1) * n, 8] as const;
    csr.push([nSynapses, 2], ring, ring, ring);
  }
  const input = inputParts.map((p) => [p.cdf.length, 8] as const);
  // Room for the largest family's state: Izhikevich's 9 f64 arrays (v, u, exc, inh, drive, a, b, c, d); COBA needs
  // 4 (v, exc, inh, decay scratch), COBA+NMDA 6 (v, exc, inh, g_N, x_N, block scratch); and 2 i32 (refractory, spiked
  // ids).
  const state = Array.from({ length: 9 }, () => [n, 8] as const);
  return SimArena.create(arenaBytes([...state, [n, 4], [n, 4], [4, 4], ...input, ...csr]));
}

/**
 * `propagateNow` / `propagateDelayed` in wasm, over the CSR (and delays, and the delay rings) in the arena; the
 * kernel's state and the spiked ids live there too.
 */
function wasmPropagation(arena: SimArena, net: Network, kernel: Kernel): Propagate {
  const rowPtr = arena.adopt(net.rowPtr).byteOffset;
  const target = arena.adopt(net.target).byteOffset;
  const weight = arena.adopt(net.weight).byteOffset;
  const { nE, n } = net;
  const exc = kernel.exc.byteOffset;
  const inh = kernel.inh.byteOffset;
  // 0 is never an array's offset (the arena's first page is reserved): it means "no NMDA variable".
  const nmda = kernel.nmda ? kernel.nmda.byteOffset : 0;
  const factor = kernel.nmdaFactor;
  if (!net.delay) {
    const { propagate } = arena.exports;
    return (spiked, count) => {
      if (count > 0) propagate(spiked.byteOffset, count, rowPtr, target, weight, nE, exc, inh, nmda, factor);
    };
  }
  const delay = arena.adopt(net.delay).byteOffset;
  const slots = net.maxDelaySteps + 1;
  const ringE = arena.f64(slots * n).byteOffset;
  const ringI = arena.f64(slots * n).byteOffset;
  const ringN = kernel.nmda ? arena.f64(slots * n).byteOffset : 0;
  const { propagateDelayed } = arena.exports;
  return (spiked, count, step) =>
    propagateDelayed(
      spiked.byteOffset,
      count,
      step % slots,
      rowPtr,
      target,
      weight,
      delay,
      nE,
      n,
      slots,
      ringE,
      ringI,
      ringN,
      exc,
      inh,
      nmda,
      factor,
    );
}

/** Adds each spike's weights to its targets' synaptic variables (no delays): a top-level hot loop, see neuron-models.ts. */
function propagateNow(
  spiked: Int32Array,
  count: number,
  rowPtr: Uint32Array,
  target: Uint32Array,
  weight: Float64Array,
  nE: number,
  exc: Float64Array,
  inh: Float64Array,
  nmda: Float64Array | null,
  nmdaFactor: number,
): void {
  for (let s = 0; s < count; s++) {
    const src = spiked[s];
    const start = rowPtr[src];
    const end = rowPtr[src + 1];
    if (src < nE) {
      for (let k = start; k < end; k++) exc[target[k]] += weight[k];
      if (nmda) for (let k = start; k < end; k++) nmda[target[k]] += weight[k] * nmdaFactor;
    } else {
      for (let k = start; k < end; k++) inh[target[k]] += weight[k];
    }
  }
}

/** Event-driven synaptic propagation: each spike walks its CSR row; delayed synapses go through a ring buffer. */
function createPropagation(
  net: Network,
  exc: Float64Array,
  inh: Float64Array,
  nmda: Float64Array | null,
  nmdaFactor: number,
): Propagate {
  const { rowPtr, target, weight, nE, n } = net;
  if (!net.delay) {
    return (spiked, count) => propagateNow(spiked, count, rowPtr, target, weight, nE, exc, inh, nmda, nmdaFactor);
  }
  // Ring of (maxDelay + 1) slots × n per variable: slot (step + d) mod L collects what arrives at step + d.
  const delay = net.delay;
  const slots = net.maxDelaySteps + 1;
  const ringE = new Float64Array(slots * n);
  const ringI = new Float64Array(slots * n);
  const ringN = nmda ? new Float64Array(slots * n) : null;
  return (spiked, count, step) =>
    propagateDelayed(
      spiked,
      count,
      step,
      rowPtr,
      target,
      weight,
      delay,
      nE,
      n,
      slots,
      ringE,
      ringI,
      ringN,
      exc,
      inh,
      nmda,
      nmdaFactor,
    );
}

/** Delayed synapses: each spike's weights go to the ring slot of its arrival step; this step's slot is then applied. */
function propagateDelayed(
  spiked: Int32Array,
  count: number,
  step: number,
  rowPtr: Uint32Array,
  target: Uint32Array,
  weight: Float64Array,
  delay: Uint16Array,
  nE: number,
  n: number,
  slots: number,
  ringE: Float64Array,
  ringI: Float64Array,
  ringN: Float64Array | null,
  exc: Float64Array,
  inh: Float64Array,
  nmda: Float64Array | null,
  nmdaFactor: number,
): void {
  for (let s = 0; s < count; s++) {
    const src = spiked[s];
    const end = rowPtr[src + 1];
    const ring = src < nE ? ringE : ringI;
    for (let k = rowPtr[src]; k < end; k++) {
      const at = ((step + delay[k]) % slots) * n + target[k];
      ring[at] += weight[k];
      if (ringN && src < nE) ringN[at] += weight[k] * nmdaFactor;
    }
  }
  const base = (step % slots) * n;
  for (let i = 0; i < n; i++) {
    exc[i] += ringE[base + i];
    inh[i] += ringI[base + i];
    ringE[base + i] = 0;
    ringI[base + i] = 0;
  }
  if (ringN && nmda) {
    for (let i = 0; i < n; i++) {
      nmda[i] += ringN[base + i];
      ringN[base + i] = 0;
    }
  }
}
