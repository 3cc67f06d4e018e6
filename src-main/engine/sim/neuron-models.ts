// The five neuron/synapse models as kernels over structure-of-arrays state: initial state, state update, threshold, reset.
//
// Integrators (the Brian2 export uses the same ones, so both simulate the same discrete-time model):
// - cuba-lif: exact integration of the linear system (V, g_e, g_i), Brian2 `method='exact'`.
// - coba-lif, coba-nmda-lif: exponential Euler for V with conductances (and the Mg²⁺ block) frozen over the step,
//   exact decay of g_e, g_i; NMDA rise/decay by exponential Euler (Brian2 `method='exponential_euler'`).
// - adex, izhikevich: forward Euler for V and w/u (Brian2 `method='euler'`), exact decay of synaptic variables.
// Every exponential goes through detExp, so runs are bit-identical across machines.
import { modelFamilies, type NetworkSpec, type SpecOf } from '../../../src-shared/model/network-spec';
import { detExp as detExpImported } from './det-math';

// A module-local binding: some loaders (tsx in CJS interop) turn imported functions into getters, one call per use.
const detExp = detExpImported;
import type { PopulationLayout } from './network-builder';
import { Rng } from './rng';
import type { SimArena } from './wasm/sim-wasm';
import {
  WasmAdexKernel,
  WasmCobaKernel,
  WasmCobaNmdaKernel,
  WasmCubaKernel,
  WasmIzhikevichKernel,
} from './wasm/wasm-neuron-kernels';

export interface Kernel {
  /** Membrane potential in mV (Izhikevich: its dimensionless v, read as mV). Shape [n]. */
  readonly v: Float64Array;
  /** Variables incremented by E spikes (and external Poisson input), and by I spikes. Shape [n]. */
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  /** NMDA gating variable incremented by E spikes (× nmdaFactor), when the model has one. Shape [n]. */
  readonly nmda: Float64Array | null;
  readonly nmdaFactor: number;
  /**
   * Phases "state update", "threshold" and "reset" in one pass over the neurons: writes the ids of the neurons that
   * spiked into `out` in increasing order and returns how many. One pass gives the same numbers as three (each
   * neuron's update, threshold and reset read only its own state) and touches each array once per step.
   */
  step(out: Int32Array): number;
}

/** Constant drive per neuron from `input.{E,I}.current`, in the family's current unit. Shape [n]. */
function driveOf(spec: NetworkSpec, layout: PopulationLayout): Float64Array {
  const drive = new Float64Array(layout.n);
  drive.fill(spec.input.E.current, 0, layout.nE);
  drive.fill(spec.input.I.current, layout.nE, layout.n);
  return drive;
}

function uniformV(rng: Rng, n: number, lo: number, hi: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = lo + rng.uniform() * (hi - lo);
  return v;
}

function refractorySteps(refractoryMs: number, dtMs: number): number {
  // Brian2 counts a neuron refractory while timestep(t − lastspike) < timestep(refractory); timestep rounds.
  return Math.round(refractoryMs / dtMs);
}

/** V is a linear ODE: ∫ exp-decaying g over a step, exactly. Returns the factor multiplying g(t) in V(t + dt). */
function exactCoupling(tauSynMs: number, tauMMs: number, dtMs: number): number {
  if (Math.abs(tauSynMs - tauMMs) < 1e-12) return (dtMs / tauMMs) * detExp(-dtMs / tauMMs);
  return (tauSynMs / (tauSynMs - tauMMs)) * (detExp(-dtMs / tauSynMs) - detExp(-dtMs / tauMMs));
}

/** Models whose step has a WebAssembly SIMD version (the others run in TypeScript whatever the choice). */
export function hasWasmKernel(spec: NetworkSpec): boolean {
  return modelFamilies.includes(spec.model);
}

/**
 * The model's kernel with its seeded initial state. With an `arena` (and `hasWasmKernel`), the state lives in the
 * arena and the step runs in wasm: same initial state, same numbers.
 */
export function createKernel(
  spec: NetworkSpec,
  layout: PopulationLayout,
  seed: number,
  arena: SimArena | null = null,
): Kernel {
  const rng = Rng.of(seed, 'initialState');
  switch (spec.model) {
    case 'cuba-lif':
      return cubaKernel(spec, layout, rng, arena);
    case 'coba-lif':
    case 'coba-nmda-lif':
      return cobaKernel(spec, layout, rng, arena);
    case 'adex':
      return adexKernel(spec, layout, rng, arena);
    case 'izhikevich':
      return izhikevichKernel(spec, layout, rng, arena);
  }
}

// Hot loops are top-level functions taking arrays and constants as parameters, called from small kernel classes:
// one optimised version serves every run. (Closures created per run ran up to 2× slower from the second run of a
// process on: only a function's first closure gets its captured arrays folded in as constants.)

/**
 * CUBA LIF, one step of neurons [from, to) of one population (update, threshold, reset; see `Kernel.step`): appends
 * the ids that spiked to `out` after its first `count` entries and returns the new count.
 */
function cubaStep(
  from: number,
  to: number,
  count: number,
  v: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  vInfMv: number,
  em: number,
  ee: number,
  ei: number,
  ce: number,
  ci: number,
  vThresholdMv: number,
  vResetMv: number,
  refSteps: number,
  out: Int32Array,
): number {
  for (let i = from; i < to; i++) {
    const ge = exc[i];
    const gi = inh[i];
    // One read of the refractory counter: count down, then update V once it has reached 0.
    let r = refr[i];
    if (r > 0) refr[i] = --r;
    if (r === 0) {
      const vNew = vInfMv + (v[i] - vInfMv) * em + ge * ce + gi * ci;
      if (vNew > vThresholdMv) {
        v[i] = vResetMv;
        refr[i] = refSteps;
        out[count++] = i;
      } else {
        v[i] = vNew;
      }
    }
    exc[i] = ge * ee;
    inh[i] = gi * ei;
  }
  return count;
}

export interface CubaConstants {
  em: number;
  ee: number;
  ei: number;
  ce: number;
  ci: number;
  vThresholdMv: number;
  vResetMv: number;
  refSteps: number;
  nE: number;
  /** Fixed point of V without synaptic input, E_L + I, per population (the drive is uniform within one). */
  vInfEMv: number;
  vInfIMv: number;
}

class CubaKernel implements Kernel {
  readonly nmda = null;
  readonly nmdaFactor = 0;
  constructor(
    readonly v: Float64Array,
    readonly exc: Float64Array,
    readonly inh: Float64Array,
    private readonly refr: Int32Array,
    private readonly c: CubaConstants,
  ) {}

  step(out: Int32Array): number {
    const { v, exc, inh, refr, c } = this;
    const { em, ee, ei, ce, ci, vThresholdMv: vt, vResetMv: vr, refSteps: rs, nE } = c;
    // Per population, so the fixed point is a constant of the loop rather than one more array read per neuron.
    const count = cubaStep(0, nE, 0, v, exc, inh, refr, c.vInfEMv, em, ee, ei, ce, ci, vt, vr, rs, out);
    return cubaStep(nE, v.length, count, v, exc, inh, refr, c.vInfIMv, em, ee, ei, ce, ci, vt, vr, rs, out);
  }
}

function cubaKernel(spec: SpecOf<'cuba-lif'>, layout: PopulationLayout, rng: Rng, arena: SimArena | null): Kernel {
  const { n, nE } = layout;
  const dt = spec.simulation.dtMs;
  const { vRestMv, vThresholdMv, vResetMv, tauMMs, refractoryMs } = spec.neuron;
  const { tauEMs, tauIMs } = spec.synapse;
  const v = uniformV(rng, n, spec.init.vMinMv, spec.init.vMaxMv);
  const c: CubaConstants = {
    em: detExp(-dt / tauMMs),
    ee: detExp(-dt / tauEMs),
    ei: detExp(-dt / tauIMs),
    ce: exactCoupling(tauEMs, tauMMs, dt),
    ci: exactCoupling(tauIMs, tauMMs, dt),
    vThresholdMv,
    vResetMv,
    refSteps: refractorySteps(refractoryMs, dt),
    nE,
    // Constant drive shifts the fixed point: dV/dt = (g_e + g_i − (V − E_L) + I)/τ_m.
    vInfEMv: spec.input.E.current + vRestMv,
    vInfIMv: spec.input.I.current + vRestMv,
  };
  if (arena) return new WasmCubaKernel(arena, v, c);
  return new CubaKernel(v, new Float64Array(n), new Float64Array(n), new Int32Array(n), c);
}

/**
 * COBA LIF, one step of every neuron (update, threshold, reset); see `Kernel.step`. Neurons [0, nE) then [nE, n):
 * per population, E_L + I is a constant of the loop rather than one more array read per neuron. One loop body for
 * both populations: calling a per-population loop twice, as CUBA does, measured 25% slower here (two inlined copies).
 */
function cobaStep(
  nE: number,
  n: number,
  v: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  restEMv: number,
  restIMv: number,
  ee: number,
  ei: number,
  dtOverTau: number,
  eExcMv: number,
  eInhMv: number,
  vThresholdMv: number,
  vResetMv: number,
  refSteps: number,
  out: Int32Array,
): number {
  let count = 0;
  for (let pop = 0; pop < 2; pop++) {
    const to = pop === 0 ? nE : n;
    const restMv = pop === 0 ? restEMv : restIMv;
    for (let i = pop === 0 ? 0 : nE; i < to; i++) {
      const ge = exc[i];
      const gi = inh[i];
      let r = refr[i];
      if (r > 0) refr[i] = --r;
      if (r === 0) {
        // τ_m dV/dt = (E_L + I − V) + g_e (E_e − V) + g_i (E_i − V): with g frozen, V relaxes to V_inf at rate g_tot/τ_m.
        const gTot = 1 + ge + gi;
        const vInf = (restMv + ge * eExcMv + gi * eInhMv) / gTot;
        const vNew = vInf + (v[i] - vInf) * detExp(-gTot * dtOverTau);
        if (vNew > vThresholdMv) {
          v[i] = vResetMv;
          refr[i] = refSteps;
          out[count++] = i;
        } else {
          v[i] = vNew;
        }
      }
      exc[i] = ge * ee;
      inh[i] = gi * ei;
    }
  }
  return count;
}

/** COBA LIF with NMDA (rise/decay gating, Mg²⁺ block), one step of every neuron; see `cobaStep`. */
function cobaNmdaStep(
  nE: number,
  n: number,
  v: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  gN: Float64Array,
  xN: Float64Array,
  c: CobaConstants,
  out: Int32Array,
): number {
  const { ee, ei, dtOverTau, eExcMv, eInhMv, vThresholdMv, vResetMv, refSteps, eR, eD, tauD, mgFactor, eN } = c;
  let count = 0;
  for (let pop = 0; pop < 2; pop++) {
    const to = pop === 0 ? nE : n;
    const restMv = pop === 0 ? c.restEMv : c.restIMv;
    for (let i = pop === 0 ? 0 : nE; i < to; i++) {
      const ge = exc[i];
      const gi = inh[i];
      const x = xN[i];
      const g = gN[i];
      // One read of the refractory counter: count down, then update V once it has reached 0.
      let r = refr[i];
      if (r > 0) refr[i] = --r;
      if (r === 0) {
        const vi = v[i];
        // Jahr & Stevens (1990) Mg²⁺ block at the start-of-step V, frozen over the step.
        const gNmda = g / (1 + mgFactor * detExp(-0.062 * vi));
        const gTot = 1 + ge + gi + gNmda;
        const vInf = (restMv + ge * eExcMv + gi * eInhMv + gNmda * eN) / gTot;
        const vNew = vInf + (vi - vInf) * detExp(-gTot * dtOverTau);
        if (vNew > vThresholdMv) {
          v[i] = vResetMv;
          refr[i] = refSteps;
          out[count++] = i;
        } else {
          v[i] = vNew;
        }
      }
      // dg/dt = x − g/τ_d with x frozen: g → x τ_d + (g − x τ_d) e^{−dt/τ_d}; dx/dt = −x/τ_r exactly.
      gN[i] = x * tauD + (g - x * tauD) * eD;
      xN[i] = x * eR;
      exc[i] = ge * ee;
      inh[i] = gi * ei;
    }
  }
  return count;
}

export interface CobaConstants {
  ee: number;
  ei: number;
  dtOverTau: number;
  eExcMv: number;
  eInhMv: number;
  vThresholdMv: number;
  vResetMv: number;
  refSteps: number;
  nE: number;
  /** E_L + I, the leak and drive part of the numerator of V_inf, per population (the drive is uniform within one). */
  restEMv: number;
  restIMv: number;
  /** NMDA only (0 otherwise): rise and decay factors per step, decay τ, Mg²⁺ factor, reversal potential. */
  eR: number;
  eD: number;
  tauD: number;
  mgFactor: number;
  eN: number;
}

class CobaKernel implements Kernel {
  constructor(
    readonly v: Float64Array,
    readonly exc: Float64Array,
    readonly inh: Float64Array,
    private readonly refr: Int32Array,
    private readonly c: CobaConstants,
    /** NMDA rise (x, incremented by spikes) and gating (g) variables, null for plain COBA. Shape [n]. */
    readonly nmda: Float64Array | null,
    private readonly gN: Float64Array | null,
    readonly nmdaFactor: number,
  ) {}

  step(out: Int32Array): number {
    const { v, exc, inh, refr, c, nmda, gN } = this;
    const { nE, restEMv, restIMv } = c;
    const n = v.length;
    if (nmda && gN) return cobaNmdaStep(nE, n, v, exc, inh, refr, gN, nmda, c, out);
    const { ee, ei, dtOverTau: dto, eExcMv: eE, eInhMv: eI, vThresholdMv: vt, vResetMv: vr, refSteps: rs } = c;
    return cobaStep(nE, n, v, exc, inh, refr, restEMv, restIMv, ee, ei, dto, eE, eI, vt, vr, rs, out);
  }
}

function cobaKernel(
  spec: SpecOf<'coba-lif'> | SpecOf<'coba-nmda-lif'>,
  layout: PopulationLayout,
  rng: Rng,
  arena: SimArena | null,
): Kernel {
  const { n, nE } = layout;
  const dt = spec.simulation.dtMs;
  const { vRestMv, vThresholdMv, vResetMv, tauMMs, refractoryMs } = spec.neuron;
  const { tauEMs, tauIMs, eExcMv, eInhMv } = spec.synapse;
  const init = spec.init;
  // Initial state as Brette 2007 COBA: V = mean + sd·N(0,1), g_e and g_i likewise (units of g_L).
  const v = new Float64Array(n);
  const exc = new Float64Array(n);
  const inh = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = init.vMeanMv + init.vSdMv * rng.normal();
  for (let i = 0; i < n; i++) exc[i] = init.geMean + init.geSd * rng.normal();
  for (let i = 0; i < n; i++) inh[i] = init.giMean + init.giSd * rng.normal();
  const c: CobaConstants = {
    ee: detExp(-dt / tauEMs),
    ei: detExp(-dt / tauIMs),
    dtOverTau: dt / tauMMs,
    eExcMv,
    eInhMv,
    vThresholdMv,
    vResetMv,
    refSteps: refractorySteps(refractoryMs, dt),
    nE,
    restEMv: vRestMv + spec.input.E.current,
    restIMv: vRestMv + spec.input.I.current,
    eR: 0,
    eD: 0,
    tauD: 0,
    mgFactor: 0,
    eN: 0,
  };
  if (spec.model === 'coba-lif') {
    if (arena) return new WasmCobaKernel(arena, v, exc, inh, c);
    return new CobaKernel(v, exc, inh, new Int32Array(n), c, null, null, 0);
  }

  const syn = spec.synapse as SpecOf<'coba-nmda-lif'>['synapse'];
  c.eR = detExp(-dt / syn.tauNmdaRiseMs);
  c.eD = detExp(-dt / syn.tauNmdaDecayMs);
  c.tauD = syn.tauNmdaDecayMs;
  c.mgFactor = syn.mgMm / 3.57;
  c.eN = syn.eNmdaMv;
  // x jumps by ratio·J·τ_e/(τ_r·τ_d) per E spike, so ∫g_NMDA dt = ratio · (AMPA charge J·τ_e).
  const nmdaFactor = (syn.nmdaRatio * tauEMs) / (syn.tauNmdaRiseMs * syn.tauNmdaDecayMs);
  if (arena) return new WasmCobaNmdaKernel(arena, v, exc, inh, c, nmdaFactor);
  return new CobaKernel(v, exc, inh, new Int32Array(n), c, new Float64Array(n), new Float64Array(n), nmdaFactor);
}

/** The exponential's argument is capped here so one Euler step can never overflow (e^20 ≈ 4.9e8). */
export const ADEX_EXP_ARG_MAX = 20;

export interface AdexConstants {
  ee: number;
  ei: number;
  /** pA / pF = mV/ms, so dt/C turns a current in pA into a voltage step in mV. */
  dtOverC: number;
  dtOverTauW: number;
  /** Conductance synapses (nS, reversal potentials) or current synapses (pA). */
  conductance: boolean;
  eExcMv: number;
  eInhMv: number;
  gL: number;
  eL: number;
  vT: number;
  dT: number;
  a: number;
  vCutMv: number;
  vResetMv: number;
  bPa: number;
  refSteps: number;
  /** ADEX_EXP_ARG_MAX. */
  expArgMax: number;
}

/** AdEx, one step of every neuron (forward Euler; update, threshold, reset); see `Kernel.step`. */
function adexStep(
  n: number,
  v: Float64Array,
  w: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  drive: Float64Array,
  c: AdexConstants,
  out: Int32Array,
): number {
  const { ee, ei, dtOverC, dtOverTauW, conductance, eExcMv, eInhMv, gL, eL, vT, dT, a } = c;
  const { vCutMv, vResetMv, bPa, refSteps } = c;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    const wi = w[i];
    const ge = exc[i];
    const gi = inh[i];
    // Conductance synapses: nS × mV = pA; current synapses: I_e − I_i in pA.
    const iSyn = conductance ? ge * (eExcMv - vi) + gi * (eInhMv - vi) : ge - gi;
    const wNew = wi + dtOverTauW * (a * (vi - eL) - wi);
    // One read of the refractory counter: count down, then update V once it has reached 0.
    let r = refr[i];
    if (r > 0) refr[i] = --r;
    if (r === 0) {
      const arg = (vi - vT) / dT;
      const expo = detExp(arg < ADEX_EXP_ARG_MAX ? arg : ADEX_EXP_ARG_MAX);
      const vNew = vi + dtOverC * (-gL * (vi - eL) + gL * dT * expo - wi + iSyn + drive[i]);
      if (vNew > vCutMv) {
        v[i] = vResetMv;
        w[i] = wNew + bPa;
        refr[i] = refSteps;
        out[count++] = i;
      } else {
        v[i] = vNew;
        w[i] = wNew;
      }
    } else {
      w[i] = wNew;
    }
    exc[i] = ge * ee;
    inh[i] = gi * ei;
  }
  return count;
}

class AdexKernel implements Kernel {
  readonly nmda = null;
  readonly nmdaFactor = 0;
  constructor(
    readonly v: Float64Array,
    private readonly w: Float64Array,
    readonly exc: Float64Array,
    readonly inh: Float64Array,
    private readonly refr: Int32Array,
    private readonly drive: Float64Array,
    private readonly c: AdexConstants,
  ) {}

  step(out: Int32Array): number {
    const { v } = this;
    return adexStep(v.length, v, this.w, this.exc, this.inh, this.refr, this.drive, this.c, out);
  }
}

function adexKernel(spec: SpecOf<'adex'>, layout: PopulationLayout, rng: Rng, arena: SimArena | null): Kernel {
  const { n } = layout;
  const dt = spec.simulation.dtMs;
  const p = spec.neuron;
  const s = spec.synapse;
  const v = uniformV(rng, n, spec.init.vMinMv, spec.init.vMaxMv);
  const drive = driveOf(spec, layout);
  const c: AdexConstants = {
    ee: detExp(-dt / s.tauEMs),
    ei: detExp(-dt / s.tauIMs),
    dtOverC: dt / p.capacitancePf,
    dtOverTauW: dt / p.tauWMs,
    conductance: s.kind === 'conductance',
    eExcMv: s.eExcMv,
    eInhMv: s.eInhMv,
    gL: p.gLeakNs,
    eL: p.eLeakMv,
    vT: p.vThresholdMv,
    dT: p.deltaTMv,
    a: p.aNs,
    vCutMv: p.vCutMv,
    vResetMv: p.vResetMv,
    bPa: p.bPa,
    refSteps: refractorySteps(p.refractoryMs, dt),
    expArgMax: ADEX_EXP_ARG_MAX,
  };
  if (arena) return new WasmAdexKernel(arena, v, drive, c);
  const z = () => new Float64Array(n);
  return new AdexKernel(v, z(), z(), z(), new Int32Array(n), drive, c);
}

/** Izhikevich (2003), one step of every neuron (forward Euler; update, threshold, reset); see `Kernel.step`. */
function izhikevichStep(
  n: number,
  v: Float64Array,
  u: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  drive: Float64Array,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  d: Float64Array,
  dt: number,
  ee: number,
  ei: number,
  vPeak: number,
  out: Int32Array,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    const ui = u[i];
    // v' = 0.04 v² + 5 v + 140 − u + I, u' = a (b v − u), time in ms; I = I_e + I_i + drive.
    const vNew = vi + dt * (0.04 * vi * vi + 5 * vi + 140 - ui + exc[i] + inh[i] + drive[i]);
    const uNew = ui + dt * a[i] * (b[i] * vi - ui);
    if (vNew >= vPeak) {
      v[i] = c[i];
      u[i] = uNew + d[i];
      out[count++] = i;
    } else {
      v[i] = vNew;
      u[i] = uNew;
    }
    exc[i] *= ee;
    inh[i] *= ei;
  }
  return count;
}

/** Per-neuron parameters a, b, c, d (E or I values). Shape [n] each. */
export interface IzhikevichParams {
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

export interface IzhikevichConstants {
  dt: number;
  ee: number;
  ei: number;
  vPeak: number;
}

class IzhikevichKernel implements Kernel {
  readonly nmda = null;
  readonly nmdaFactor = 0;
  constructor(
    readonly v: Float64Array,
    private readonly u: Float64Array,
    readonly exc: Float64Array,
    readonly inh: Float64Array,
    private readonly drive: Float64Array,
    private readonly p: IzhikevichParams,
    private readonly k: IzhikevichConstants,
  ) {}

  step(out: Int32Array): number {
    const { v, p, k } = this;
    return izhikevichStep(
      v.length,
      v,
      this.u,
      this.exc,
      this.inh,
      this.drive,
      p.a,
      p.b,
      p.c,
      p.d,
      k.dt,
      k.ee,
      k.ei,
      k.vPeak,
      out,
    );
  }
}

function izhikevichKernel(
  spec: SpecOf<'izhikevich'>,
  layout: PopulationLayout,
  rng: Rng,
  arena: SimArena | null,
): Kernel {
  const { n, nE } = layout;
  const dt = spec.simulation.dtMs;
  const v = uniformV(rng, n, spec.init.vMinMv, spec.init.vMaxMv);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pop = i < nE ? spec.neuron.E : spec.neuron.I;
    a[i] = pop.a;
    b[i] = pop.b;
    c[i] = pop.c;
    d[i] = pop.d;
  }
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = b[i] * v[i];
  const k: IzhikevichConstants = {
    dt,
    ee: detExp(-dt / spec.synapse.tauEMs),
    ei: detExp(-dt / spec.synapse.tauIMs),
    vPeak: spec.neuron.vPeakMv,
  };
  const drive = driveOf(spec, layout);
  if (arena) return new WasmIzhikevichKernel(arena, v, u, drive, { a, b, c, d }, k);
  return new IzhikevichKernel(v, u, new Float64Array(n), new Float64Array(n), drive, { a, b, c, d }, k);
}
