// Loads the simulator's WebAssembly SIMD kernels (compiled once per thread) and hands out per-run arenas of state.
//
// Why an arena: the kernels work on state in wasm linear memory; the run's other phases (Poisson input, recorder,
// guards) keep working on the same numbers through typed-array views of that memory. The memory is sized once per
// run and never grown, because growing would detach every view.
import { detExp } from '../det-math';
import { SIM_KERNELS_WASM_BASE64 } from './sim-kernels-wasm';

/** Which implementation runs the neuron and synapse loops; both give bit-identical results. */
export type SimKernelKind = 'wasm-simd' | 'js';
/** `auto`: wasm-simd where the engine supports it (and `LODYN_SIM_KERNEL` is not `js`), else js. */
export type SimKernelChoice = 'auto' | SimKernelKind;

/** The module's exports; pointers are byte offsets into the arena's memory. See assembly/kernels.ts. */
export interface SimWasmExports {
  cobaStep(
    from: number,
    to: number,
    count: number,
    v: number,
    exc: number,
    inh: number,
    refr: number,
    restMv: number,
    ee: number,
    ei: number,
    dtOverTau: number,
    eExcMv: number,
    eInhMv: number,
    vThresholdMv: number,
    vResetMv: number,
    refSteps: number,
    out: number,
    scratch: number,
  ): number;
  cubaStep(
    from: number,
    to: number,
    count: number,
    v: number,
    exc: number,
    inh: number,
    refr: number,
    vInfMv: number,
    em: number,
    ee: number,
    ei: number,
    ce: number,
    ci: number,
    vThresholdMv: number,
    vResetMv: number,
    refSteps: number,
    out: number,
  ): number;
  propagate(
    spiked: number,
    count: number,
    rowPtr: number,
    target: number,
    weight: number,
    nE: number,
    exc: number,
    inh: number,
    nmda: number,
    nmdaFactor: number,
  ): void;
  propagateDelayed(
    spiked: number,
    count: number,
    stepMod: number,
    rowPtr: number,
    target: number,
    weight: number,
    delay: number,
    nE: number,
    n: number,
    slots: number,
    ringE: number,
    ringI: number,
    ringN: number,
    exc: number,
    inh: number,
    nmda: number,
    nmdaFactor: number,
  ): void;
  cobaNmdaStep(
    from: number,
    to: number,
    count: number,
    v: number,
    exc: number,
    inh: number,
    refr: number,
    gN: number,
    xN: number,
    restMv: number,
    ee: number,
    ei: number,
    dtOverTau: number,
    eExcMv: number,
    eInhMv: number,
    vThresholdMv: number,
    vResetMv: number,
    refSteps: number,
    eR: number,
    eD: number,
    tauD: number,
    mgFactor: number,
    eN: number,
    out: number,
    scratch: number,
  ): number;
  poissonInput(
    state: number,
    start: number,
    end: number,
    cdf: number,
    cdfLength: number,
    weight: number,
    exc: number,
  ): void;
  izhikevichStep(
    n: number,
    v: number,
    u: number,
    exc: number,
    inh: number,
    drive: number,
    a: number,
    b: number,
    c: number,
    d: number,
    dt: number,
    ee: number,
    ei: number,
    vPeak: number,
    out: number,
  ): number;
  adexStep(
    n: number,
    v: number,
    w: number,
    exc: number,
    inh: number,
    refr: number,
    drive: number,
    ee: number,
    ei: number,
    dtOverC: number,
    dtOverTauW: number,
    conductance: number,
    eExcMv: number,
    eInhMv: number,
    gL: number,
    eL: number,
    vT: number,
    dT: number,
    a: number,
    vCutMv: number,
    vResetMv: number,
    bPa: number,
    refSteps: number,
    argMax: number,
    out: number,
  ): number;
  detExp(x: number): number;
  detExpPair(x0: number, x1: number, lane1Out: number): number;
}

const PAGE_BYTES = 65536;
/** The first page stays free: the module's own scratch (detExpPair's out slot) and any static data live there. */
const RESERVED_BYTES = PAGE_BYTES;
/** Every array starts on a 16-byte boundary (v128 loads do not need it, but aligned ones are never slower). */
const ALIGN = 16;

/** wasm32 addresses 65,536 pages of 64 KiB. */
const MAX_ARENA_BYTES = 65536 * PAGE_BYTES;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where the engine lacks wasm SIMD (old CPUs without SSE4.1, some sandboxes). */
export function simWasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  const bytes = Buffer.from(SIM_KERNELS_WASM_BASE64, 'base64');
  try {
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The kernel a run gets for `choice`: throws when wasm-simd is asked for and unavailable. */
export function resolveSimKernel(choice: SimKernelChoice = 'auto'): SimKernelKind {
  if (choice === 'js') return 'js';
  const available = simWasmModule() !== null;
  if (choice === 'wasm-simd') {
    if (!available) throw new Error('the wasm-simd simulator kernel is not supported by this JavaScript engine');
    return 'wasm-simd';
  }
  return available && process.env.LODYN_SIM_KERNEL !== 'js' ? 'wasm-simd' : 'js';
}

/** Bytes of `count` elements of `bytesPerElement`, rounded up to the alignment. */
function aligned(count: number, bytesPerElement: number): number {
  return Math.ceil((count * bytesPerElement) / ALIGN) * ALIGN;
}

/** Sizes an arena: a list of [element count, bytes per element] for every array it will hold. */
export function arenaBytes(arrays: ReadonlyArray<readonly [number, number]>): number {
  return RESERVED_BYTES + arrays.reduce((sum, [count, bytes]) => sum + aligned(count, bytes), 0);
}

/** One run's wasm memory and instance; arrays are bump-allocated views, valid for the arena's lifetime. */
/** Arenas up to this size reuse one memory per thread (a worker runs one simulation at a time). */
const REUSE_MAX_BYTES = 256 * 1024 * 1024;

/** This thread's reusable memory and its instance (the instance is bound to the memory it imports). */
let reusable: { memory: WebAssembly.Memory; exports: SimWasmExports } | null = null;

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): SimWasmExports {
  return new WebAssembly.Instance(module, { env: { memory, detExp } }).exports as unknown as SimWasmExports;
}

/**
 * One run's wasm memory and instance; arrays are bump-allocated views, zero-filled, valid until the next arena of the
 * same thread is created (runs up to REUSE_MAX_BYTES share one memory per thread: a fresh multi-megabyte memory per
 * run kept V8's garbage collector busy on the other core and cost the worker pool its parallel speed-up).
 */
export class SimArena {
  private next = RESERVED_BYTES;

  private constructor(
    readonly exports: SimWasmExports,
    private readonly buffer: ArrayBuffer,
    private readonly limit: number,
  ) {
    // Everything a run may use starts at zero, as a fresh memory would (the first page keeps the module's data).
    new Uint8Array(buffer, RESERVED_BYTES, limit - RESERVED_BYTES).fill(0);
  }

  /**
   * An arena of `totalBytes` (from `arenaBytes`), or null where wasm SIMD is unavailable or the run needs more than
   * wasm32's 4 GiB (the TypeScript kernels then run it: same results).
   */
  static create(totalBytes: number): SimArena | null {
    const module = simWasmModule();
    if (!module || totalBytes > MAX_ARENA_BYTES) return null;
    const pages = Math.ceil(totalBytes / PAGE_BYTES);
    try {
      if (totalBytes > REUSE_MAX_BYTES) {
        const memory = new WebAssembly.Memory({ initial: pages });
        return new SimArena(instantiate(module, memory), memory.buffer, totalBytes);
      }
      if (!reusable) {
        const memory = new WebAssembly.Memory({ initial: pages });
        reusable = { memory, exports: instantiate(module, memory) };
      }
      const have = reusable.memory.buffer.byteLength / PAGE_BYTES;
      // Growing detaches the previous run's views, which are no longer in use.
      if (pages > have) reusable.memory.grow(pages - have);
      return new SimArena(reusable.exports, reusable.memory.buffer, totalBytes);
    } catch (err) {
      // The engine may refuse a large memory below the limit (address space, memory limits): fall back.
      if (err instanceof RangeError) return null;
      throw err;
    }
  }

  private take(count: number, bytesPerElement: number): number {
    const at = this.next;
    this.next += aligned(count, bytesPerElement);
    if (this.next > this.limit) throw new Error('SimArena: out of the memory sized for this run');
    return at;
  }

  f64(count: number): Float64Array {
    return new Float64Array(this.buffer, this.take(count, 8), count);
  }

  i32(count: number): Int32Array {
    return new Int32Array(this.buffer, this.take(count, 4), count);
  }

  u16(count: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(count, 2), count);
  }

  u32(count: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(count, 4), count);
  }

  /** `src` itself when it lives in this arena (the builder wrote it here), else a copy in the arena. */
  adopt<T extends Float64Array | Int32Array | Uint32Array | Uint16Array>(src: T): T {
    return src.buffer === this.buffer ? src : this.copy(src);
  }

  /** A copy of `src` in the arena, of the same element type. */
  copy<T extends Float64Array | Int32Array | Uint32Array | Uint16Array>(src: T): T {
    const Ctor = src.constructor as new (buffer: ArrayBuffer, byteOffset: number, length: number) => T;
    const a = new Ctor(this.buffer, this.take(src.length, src.BYTES_PER_ELEMENT), src.length);
    a.set(src as ArrayLike<number> as never);
    return a;
  }
}
