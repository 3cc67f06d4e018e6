// CUBA, COBA, COBA+NMDA LIF, AdEx and Izhikevich kernels whose step runs in WebAssembly SIMD (assembly/kernels.ts), over state in
// a run's arena. Same numbers as the kernels in ../neuron-models.ts, bit for bit: the initial state is copied from
// the arrays those kernels would start from, and the wasm loops repeat their arithmetic.
import type {
  AdexConstants,
  CobaConstants,
  CubaConstants,
  IzhikevichConstants,
  IzhikevichParams,
  Kernel,
} from '../neuron-models';
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
    this.v = arena.copy(v);
    this.exc = arena.copy(exc);
    this.inh = arena.copy(inh);
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
    this.v = arena.copy(v);
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

export class WasmAdexKernel implements Kernel {
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  readonly nmda = null;
  readonly nmdaFactor = 0;
  private readonly w: Float64Array;
  private readonly refr: Int32Array;
  private readonly drive: Float64Array;
  private readonly wasm: SimWasmExports;

  constructor(
    arena: SimArena,
    v: Float64Array,
    drive: Float64Array,
    private readonly c: AdexConstants,
  ) {
    const n = v.length;
    this.v = arena.copy(v);
    this.w = arena.f64(n);
    this.exc = arena.f64(n);
    this.inh = arena.f64(n);
    this.refr = arena.i32(n);
    this.drive = arena.copy(drive);
    this.wasm = arena.exports;
  }

  /** `out` must live in the same arena. */
  step(out: Int32Array): number {
    const { c } = this;
    return this.wasm.adexStep(
      this.v.length,
      this.v.byteOffset,
      this.w.byteOffset,
      this.exc.byteOffset,
      this.inh.byteOffset,
      this.refr.byteOffset,
      this.drive.byteOffset,
      c.ee,
      c.ei,
      c.dtOverC,
      c.dtOverTauW,
      c.conductance ? 1 : 0,
      c.eExcMv,
      c.eInhMv,
      c.gL,
      c.eL,
      c.vT,
      c.dT,
      c.a,
      c.vCutMv,
      c.vResetMv,
      c.bPa,
      c.refSteps,
      c.expArgMax,
      out.byteOffset,
    );
  }
}

export class WasmIzhikevichKernel implements Kernel {
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  readonly nmda = null;
  readonly nmdaFactor = 0;
  private readonly u: Float64Array;
  private readonly drive: Float64Array;
  private readonly p: IzhikevichParams;
  private readonly wasm: SimWasmExports;

  constructor(
    arena: SimArena,
    v: Float64Array,
    u: Float64Array,
    drive: Float64Array,
    p: IzhikevichParams,
    private readonly k: IzhikevichConstants,
  ) {
    const n = v.length;
    this.v = arena.copy(v);
    this.u = arena.copy(u);
    this.exc = arena.f64(n);
    this.inh = arena.f64(n);
    this.drive = arena.copy(drive);
    this.p = { a: arena.copy(p.a), b: arena.copy(p.b), c: arena.copy(p.c), d: arena.copy(p.d) };
    this.wasm = arena.exports;
  }

  /** `out` must live in the same arena. */
  step(out: Int32Array): number {
    const { p, k } = this;
    return this.wasm.izhikevichStep(
      this.v.length,
      this.v.byteOffset,
      this.u.byteOffset,
      this.exc.byteOffset,
      this.inh.byteOffset,
      this.drive.byteOffset,
      p.a.byteOffset,
      p.b.byteOffset,
      p.c.byteOffset,
      p.d.byteOffset,
      k.dt,
      k.ee,
      k.ei,
      k.vPeak,
      out.byteOffset,
    );
  }
}

export class WasmCobaNmdaKernel implements Kernel {
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  /** NMDA rise variable x, incremented by E spikes × nmdaFactor. Shape [n]. */
  readonly nmda: Float64Array;
  private readonly gN: Float64Array;
  private readonly refr: Int32Array;
  /** The Mg²⁺ block per neuron, between the kernel's two passes. Shape [n]. */
  private readonly scratch: Float64Array;
  private readonly wasm: SimWasmExports;

  constructor(
    arena: SimArena,
    v: Float64Array,
    exc: Float64Array,
    inh: Float64Array,
    private readonly c: CobaConstants,
    readonly nmdaFactor: number,
  ) {
    const n = v.length;
    this.v = arena.copy(v);
    this.exc = arena.copy(exc);
    this.inh = arena.copy(inh);
    this.nmda = arena.f64(n);
    this.gN = arena.f64(n);
    this.refr = arena.i32(n);
    this.scratch = arena.f64(n);
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
    const gN = this.gN.byteOffset;
    const xN = this.nmda.byteOffset;
    const o = out.byteOffset;
    const s = this.scratch.byteOffset;
    const { ee, ei, dtOverTau: dto, eExcMv: eE, eInhMv: eI, vThresholdMv: vt, vResetMv: vr, refSteps: rs } = c;
    const { eR, eD, tauD, mgFactor: mg, eN } = c;
    let count = wasm.cobaNmdaStep(
      0,
      c.nE,
      0,
      v,
      exc,
      inh,
      refr,
      gN,
      xN,
      c.restEMv,
      ee,
      ei,
      dto,
      eE,
      eI,
      vt,
      vr,
      rs,
      eR,
      eD,
      tauD,
      mg,
      eN,
      o,
      s,
    );
    count = wasm.cobaNmdaStep(
      c.nE,
      n,
      count,
      v,
      exc,
      inh,
      refr,
      gN,
      xN,
      c.restIMv,
      ee,
      ei,
      dto,
      eE,
      eI,
      vt,
      vr,
      rs,
      eR,
      eD,
      tauD,
      mg,
      eN,
      o,
      s,
    );
    return count;
  }
}
