// The five neuron/synapse models as kernels over structure-of-arrays state: initial state, state update, threshold, reset.
//
// Integrators (the Brian2 export uses the same ones, so both simulate the same discrete-time model):
// - cuba-lif: exact integration of the linear system (V, g_e, g_i), Brian2 `method='exact'`.
// - coba-lif, coba-nmda-lif: exponential Euler for V with conductances (and the Mg²⁺ block) frozen over the step,
//   exact decay of g_e, g_i; NMDA rise/decay by exponential Euler (Brian2 `method='exponential_euler'`).
// - adex, izhikevich: forward Euler for V and w/u (Brian2 `method='euler'`), exact decay of synaptic variables.
// Every exponential goes through detExp, so runs are bit-identical across machines.
import type { NetworkSpec, SpecOf } from '../../../src-shared/model/network-spec';
import { detExp as detExpImported } from './det-math';

// A module-local binding: some loaders (tsx in CJS interop) turn imported functions into getters, one call per use.
const detExp = detExpImported;
import type { PopulationLayout } from './network-builder';
import { Rng } from './rng';

export interface Kernel {
  /** Membrane potential in mV (Izhikevich: its dimensionless v, read as mV). Shape [n]. */
  readonly v: Float64Array;
  /** Variables incremented by E spikes (and external Poisson input), and by I spikes. Shape [n]. */
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  /** NMDA gating variable incremented by E spikes (× nmdaFactor), when the model has one. Shape [n]. */
  readonly nmda: Float64Array | null;
  readonly nmdaFactor: number;
  /** Advances every neuron by one step (phase "state update"). */
  update(): void;
  /** Writes the ids of neurons above threshold into `out` in increasing order; returns how many (phase "threshold"). */
  threshold(out: Int32Array): number;
  /** Resets the neurons that spiked (phase "reset"). */
  reset(spiked: Int32Array, count: number): void;
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

export function createKernel(spec: NetworkSpec, layout: PopulationLayout, seed: number): Kernel {
  const rng = Rng.of(seed, 'initialState');
  switch (spec.model) {
    case 'cuba-lif':
      return cubaKernel(spec, layout, rng);
    case 'coba-lif':
    case 'coba-nmda-lif':
      return cobaKernel(spec, layout, rng);
    case 'adex':
      return adexKernel(spec, layout, rng);
    case 'izhikevich':
      return izhikevichKernel(spec, layout, rng);
  }
}

function lifThreshold(v: Float64Array, refr: Int32Array, vt: number, out: Int32Array): number {
  let count = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) if (v[i] > vt && refr[i] === 0) out[count++] = i;
  return count;
}

// Hot loops are top-level functions taking arrays and constants as parameters: one optimised version serves every
// run (closures created per run would each need their own, context-specialised, optimisation).
function cubaUpdate(
  n: number,
  v: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  vInf: Float64Array,
  em: number,
  ee: number,
  ei: number,
  ce: number,
  ci: number,
): void {
  for (let i = 0; i < n; i++) {
    const ge = exc[i];
    const gi = inh[i];
    // One read of the refractory counter: count down, then update V once it has reached 0.
    let r = refr[i];
    if (r > 0) refr[i] = --r;
    if (r === 0) v[i] = vInf[i] + (v[i] - vInf[i]) * em + ge * ce + gi * ci;
    exc[i] = ge * ee;
    inh[i] = gi * ei;
  }
}

function cubaKernel(spec: SpecOf<'cuba-lif'>, layout: PopulationLayout, rng: Rng): Kernel {
  const { n } = layout;
  const dt = spec.simulation.dtMs;
  const { vRestMv, vThresholdMv, vResetMv, tauMMs, refractoryMs } = spec.neuron;
  const { tauEMs, tauIMs } = spec.synapse;
  const v = uniformV(rng, n, spec.init.vMinMv, spec.init.vMaxMv);
  const exc = new Float64Array(n);
  const inh = new Float64Array(n);
  const refr = new Int32Array(n);
  const refSteps = refractorySteps(refractoryMs, dt);
  const em = detExp(-dt / tauMMs);
  const ee = detExp(-dt / tauEMs);
  const ei = detExp(-dt / tauIMs);
  const ce = exactCoupling(tauEMs, tauMMs, dt);
  const ci = exactCoupling(tauIMs, tauMMs, dt);
  // Constant drive shifts the fixed point: dV/dt = (g_e + g_i − (V − E_L) + I)/τ_m.
  const vInf = driveOf(spec, layout);
  for (let i = 0; i < n; i++) vInf[i] += vRestMv;
  return {
    v,
    exc,
    inh,
    nmda: null,
    nmdaFactor: 0,
    update: () => cubaUpdate(n, v, exc, inh, refr, vInf, em, ee, ei, ce, ci),
    threshold: (out) => lifThreshold(v, refr, vThresholdMv, out),
    reset(spiked, count) {
      for (let s = 0; s < count; s++) {
        v[spiked[s]] = vResetMv;
        refr[spiked[s]] = refSteps;
      }
    },
  };
}

function cobaUpdate(
  n: number,
  v: Float64Array,
  exc: Float64Array,
  inh: Float64Array,
  refr: Int32Array,
  rest: Float64Array,
  ee: number,
  ei: number,
  dtOverTau: number,
  eExcMv: number,
  eInhMv: number,
): void {
  for (let i = 0; i < n; i++) {
    const ge = exc[i];
    const gi = inh[i];
    let r = refr[i];
    if (r > 0) refr[i] = --r;
    if (r === 0) {
      // τ_m dV/dt = (E_L + I − V) + g_e (E_e − V) + g_i (E_i − V): with g frozen, V relaxes to V_inf at rate g_tot/τ_m.
      const gTot = 1 + ge + gi;
      const vInf = (rest[i] + ge * eExcMv + gi * eInhMv) / gTot;
      v[i] = vInf + (v[i] - vInf) * detExp(-gTot * dtOverTau);
    }
    exc[i] = ge * ee;
    inh[i] = gi * ei;
  }
}

function cobaKernel(spec: SpecOf<'coba-lif'> | SpecOf<'coba-nmda-lif'>, layout: PopulationLayout, rng: Rng): Kernel {
  const { n } = layout;
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
  const refr = new Int32Array(n);
  const refSteps = refractorySteps(refractoryMs, dt);
  const ee = detExp(-dt / tauEMs);
  const ei = detExp(-dt / tauIMs);
  const dtOverTau = dt / tauMMs;
  const drive = driveOf(spec, layout);
  // E_L + I: the leak and drive part of the numerator of V_inf.
  const rest = new Float64Array(n);
  for (let i = 0; i < n; i++) rest[i] = vRestMv + drive[i];

  const threshold = (out: Int32Array) => lifThreshold(v, refr, vThresholdMv, out);
  const reset = (spiked: Int32Array, count: number) => {
    for (let s = 0; s < count; s++) {
      v[spiked[s]] = vResetMv;
      refr[spiked[s]] = refSteps;
    }
  };

  if (spec.model === 'coba-lif') {
    return {
      v,
      exc,
      inh,
      nmda: null,
      nmdaFactor: 0,
      update: () => cobaUpdate(n, v, exc, inh, refr, rest, ee, ei, dtOverTau, eExcMv, eInhMv),
      threshold,
      reset,
    };
  }

  const syn = spec.synapse as SpecOf<'coba-nmda-lif'>['synapse'];
  const gN = new Float64Array(n);
  const xN = new Float64Array(n);
  const eR = detExp(-dt / syn.tauNmdaRiseMs);
  const eD = detExp(-dt / syn.tauNmdaDecayMs);
  const tauD = syn.tauNmdaDecayMs;
  const mgFactor = syn.mgMm / 3.57;
  const eN = syn.eNmdaMv;
  // x jumps by ratio·J·τ_e/(τ_r·τ_d) per E spike, so ∫g_NMDA dt = ratio · (AMPA charge J·τ_e).
  const nmdaFactor = (syn.nmdaRatio * tauEMs) / (syn.tauNmdaRiseMs * syn.tauNmdaDecayMs);
  return {
    v,
    exc,
    inh,
    nmda: xN,
    nmdaFactor,
    update() {
      for (let i = 0; i < n; i++) {
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
          const vInf = (rest[i] + ge * eExcMv + gi * eInhMv + gNmda * eN) / gTot;
          v[i] = vInf + (vi - vInf) * detExp(-gTot * dtOverTau);
        }
        // dg/dt = x − g/τ_d with x frozen: g → x τ_d + (g − x τ_d) e^{−dt/τ_d}; dx/dt = −x/τ_r exactly.
        gN[i] = x * tauD + (g - x * tauD) * eD;
        xN[i] = x * eR;
        exc[i] = ge * ee;
        inh[i] = gi * ei;
      }
    },
    threshold,
    reset,
  };
}

/** The exponential's argument is capped here so one Euler step can never overflow (e^20 ≈ 4.9e8). */
export const ADEX_EXP_ARG_MAX = 20;

function adexKernel(spec: SpecOf<'adex'>, layout: PopulationLayout, rng: Rng): Kernel {
  const { n } = layout;
  const dt = spec.simulation.dtMs;
  const p = spec.neuron;
  const s = spec.synapse;
  const v = uniformV(rng, n, spec.init.vMinMv, spec.init.vMaxMv);
  const w = new Float64Array(n);
  const exc = new Float64Array(n);
  const inh = new Float64Array(n);
  const refr = new Int32Array(n);
  const refSteps = refractorySteps(p.refractoryMs, dt);
  const drive = driveOf(spec, layout);
  const ee = detExp(-dt / s.tauEMs);
  const ei = detExp(-dt / s.tauIMs);
  // pA / pF = mV/ms, so dt/C turns a current in pA into a voltage step in mV.
  const dtOverC = dt / p.capacitancePf;
  const dtOverTauW = dt / p.tauWMs;
  const conductance = s.kind === 'conductance';
  const { gLeakNs: gL, eLeakMv: eL, vThresholdMv: vT, deltaTMv: dT, aNs: a } = p;
  return {
    v,
    exc,
    inh,
    nmda: null,
    nmdaFactor: 0,
    update() {
      for (let i = 0; i < n; i++) {
        const vi = v[i];
        const wi = w[i];
        const ge = exc[i];
        const gi = inh[i];
        // Conductance synapses: nS × mV = pA; current synapses: I_e − I_i in pA.
        const iSyn = conductance ? ge * (s.eExcMv - vi) + gi * (s.eInhMv - vi) : ge - gi;
        // One read of the refractory counter: count down, then update V once it has reached 0.
        let r = refr[i];
        if (r > 0) refr[i] = --r;
        if (r === 0) {
          const arg = (vi - vT) / dT;
          const expo = detExp(arg < ADEX_EXP_ARG_MAX ? arg : ADEX_EXP_ARG_MAX);
          v[i] = vi + dtOverC * (-gL * (vi - eL) + gL * dT * expo - wi + iSyn + drive[i]);
        }
        w[i] = wi + dtOverTauW * (a * (vi - eL) - wi);
        exc[i] = ge * ee;
        inh[i] = gi * ei;
      }
    },
    threshold(out) {
      let count = 0;
      for (let i = 0; i < n; i++) if (v[i] > p.vCutMv && refr[i] === 0) out[count++] = i;
      return count;
    },
    reset(spiked, count) {
      for (let k = 0; k < count; k++) {
        const i = spiked[k];
        v[i] = p.vResetMv;
        w[i] += p.bPa;
        refr[i] = refSteps;
      }
    },
  };
}

function izhikevichKernel(spec: SpecOf<'izhikevich'>, layout: PopulationLayout, rng: Rng): Kernel {
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
  const exc = new Float64Array(n);
  const inh = new Float64Array(n);
  const drive = driveOf(spec, layout);
  const ee = detExp(-dt / spec.synapse.tauEMs);
  const ei = detExp(-dt / spec.synapse.tauIMs);
  const vPeak = spec.neuron.vPeakMv;
  return {
    v,
    exc,
    inh,
    nmda: null,
    nmdaFactor: 0,
    update() {
      for (let i = 0; i < n; i++) {
        const vi = v[i];
        const ui = u[i];
        // Izhikevich (2003): v' = 0.04 v² + 5 v + 140 − u + I, u' = a (b v − u), time in ms; I = I_e + I_i + drive.
        v[i] = vi + dt * (0.04 * vi * vi + 5 * vi + 140 - ui + exc[i] + inh[i] + drive[i]);
        u[i] = ui + dt * a[i] * (b[i] * vi - ui);
        exc[i] *= ee;
        inh[i] *= ei;
      }
    },
    threshold(out) {
      let count = 0;
      for (let i = 0; i < n; i++) if (v[i] >= vPeak) out[count++] = i;
      return count;
    },
    reset(spiked, count) {
      for (let k = 0; k < count; k++) {
        const i = spiked[k];
        v[i] = c[i];
        u[i] += d[i];
      }
    },
  };
}
