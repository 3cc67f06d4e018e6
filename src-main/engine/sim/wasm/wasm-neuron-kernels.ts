// COBA and CUBA LIF kernels whose step runs in WebAssembly SIMD (assembly/kernels.ts), over state in a run's arena.
// Same numbers as CobaKernel/CubaKernel in ../neuron-models.ts, bit for bit: the initial state is copied from the
// arrays those kernels would start from, and the wasm loops repeat their arithmetic.
import type { CobaConstants, CubaConstants, Kernel } from '../neuron-models';
import type { SimArena, SimWasmExports } from './sim-wasm';

export class WasmCobaKernel implements Kernel {
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  readonly nmda = null;
  readonly nmdaFactor = 0;
  private readonly refr: Int32Array;
  /** The step's decay factor per neuron, written and read inside one wasm call. Shape [n]. */
  private readonly scratch: Float64Array;
  private readonly wasm: SimWasmExports;

  constructor(
    arena: SimArena,
    v: Float64Array,
    exc: Float64Array,
    inh: Float64Array,
    private readonly c: CobaConstants,
  ) {
    this.v = arena.copyF64(v);
    this.exc = arena.copyF64(exc);
    this.inh = arena.copyF64(inh);
    this.refr = arena.i32(v.length);
    this.scratch = arena.f64(v.length);
    this.wasm = arena.exports;
  }

  /** `out` must live in the same arena. */
  step(out: Int32Array): number {
    const { c, wasm } = this;
    const n = this.v.length;
    const v = this.v.byteOffset;
    const exc = this.exc.byteOffset;
    const inh = this.inh.byteOffset;
    const refr = this.refr.byteOffset;
    const o = out.byteOffset;
    const s = this.scratch.byteOffset;
    const { ee, ei, dtOverTau: dto, eExcMv: eE, eInhMv: eI, vThresholdMv: vt, vResetMv: vr, refSteps: rs } = c;
    const count = wasm.cobaStep(0, c.nE, 0, v, exc, inh, refr, c.restEMv, ee, ei, dto, eE, eI, vt, vr, rs, o, s);
    return wasm.cobaStep(c.nE, n, count, v, exc, inh, refr, c.restIMv, ee, ei, dto, eE, eI, vt, vr, rs, o, s);
  }
}

export class WasmCubaKernel implements Kernel {
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  readonly nmda = null;
  readonly nmdaFactor = 0;
  private readonly refr: Int32Array;
  private readonly wasm: SimWasmExports;

  constructor(
    arena: SimArena,
    v: Float64Array,
    private readonly c: CubaConstants,
  ) {
    this.v = arena.copyF64(v);
    this.exc = arena.f64(v.length);
    this.inh = arena.f64(v.length);
    this.refr = arena.i32(v.length);
    this.wasm = arena.exports;
  }

  /** `out` must live in the same arena. */
  step(out: Int32Array): number {
    const { c, wasm } = this;
    const n = this.v.length;
    const v = this.v.byteOffset;
    const exc = this.exc.byteOffset;
    const inh = this.inh.byteOffset;
    const refr = this.refr.byteOffset;
    const o = out.byteOffset;
    const { em, ee, ei, ce, ci, vThresholdMv: vt, vResetMv: vr, refSteps: rs } = c;
    const count = wasm.cubaStep(0, c.nE, 0, v, exc, inh, refr, c.vInfEMv, em, ee, ei, ce, ci, vt, vr, rs, o);
    return wasm.cubaStep(c.nE, n, count, v, exc, inh, refr, c.vInfIMv, em, ee, ei, ce, ci, vt, vr, rs, o);
  }
}
