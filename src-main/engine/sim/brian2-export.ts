// Writes a runnable Brian2 script of exactly a spec's model: same equations and integrators, connectivity rule and
// parameters, drawn with Brian2's (and numpy's) own random numbers from the given seed.
import type { NetworkSpec, PathwayKey, SpecOf } from '../../../src-shared/model/network-spec';
import { pathwayKeys } from '../../../src-shared/model/network-spec';
import { APP_VERSION } from '../app-version';
import { layoutOf, meanInDegree, scaledWeight } from './network-builder';
import { ADEX_EXP_ARG_MAX } from './neuron-models';

const py = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));

interface FamilyCode {
  /** Unit (Brian2 expression) of synaptic weights and Poisson weights, of the constant drive. */
  weightUnit: string;
  driveUnit: string;
  body: string;
  /** Names of the excitatory and inhibitory synaptic variables. */
  exc: string;
  inh: string;
  /** Extra on_pre code for E synapses, given the weight expression. */
  excExtra?: (w: string) => string;
}

function lifParams(spec: SpecOf<'cuba-lif'> | SpecOf<'coba-lif'> | SpecOf<'coba-nmda-lif'>): string {
  const n = spec.neuron;
  return [
    `El = ${py(n.vRestMv)}*mV`,
    `Vt = ${py(n.vThresholdMv)}*mV`,
    `Vr = ${py(n.vResetMv)}*mV`,
    `taum = ${py(n.tauMMs)}*ms`,
    `taue = ${py(spec.synapse.tauEMs)}*ms`,
    `taui = ${py(spec.synapse.tauIMs)}*ms`,
  ].join('\n');
}

function familyCode(spec: NetworkSpec): FamilyCode {
  switch (spec.model) {
    case 'cuba-lif':
      return {
        weightUnit: 'mV',
        driveUnit: 'mV',
        exc: 'ge',
        inh: 'gi',
        body: `${lifParams(spec)}
eqs = '''
dv/dt = (ge + gi - (v - El) + I_drive)/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
I_drive : volt
'''
P = NeuronGroup(N, eqs, threshold='v > Vt', reset='v = Vr', refractory=${py(spec.neuron.refractoryMs)}*ms, method='exact')
P.v = '${py(spec.init.vMinMv)}*mV + rand()*(${py(spec.init.vMaxMv - spec.init.vMinMv)}*mV)'
P.ge = 0*mV
P.gi = 0*mV
`,
      };
    case 'coba-lif':
    case 'coba-nmda-lif': {
      const nmda = spec.model === 'coba-nmda-lif' ? spec.synapse : null;
      const init = spec.init;
      return {
        weightUnit: '1',
        driveUnit: 'mV',
        exc: 'ge',
        inh: 'gi',
        ...(nmda ? { excExtra: (w: string) => `xN_post += (${w})*nmda_factor` } : {}),
        body: `${lifParams(spec)}
Ee = ${py(spec.synapse.eExcMv)}*mV
Ei = ${py(spec.synapse.eInhMv)}*mV
${
  nmda
    ? `EN = ${py(nmda.eNmdaMv)}*mV
taur = ${py(nmda.tauNmdaRiseMs)}*ms
taud = ${py(nmda.tauNmdaDecayMs)}*ms
mg = ${py(nmda.mgMm)}
nmda_factor = ${py(nmda.nmdaRatio)}*taue/(taur*taud)
eqs = '''
dv/dt = (ge*(Ee - v) + gi*(Ei - v) + gN*mgb*(EN - v) - (v - El) + I_drive)/taum : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
dgN/dt = xN - gN/taud : 1
dxN/dt = -xN/taur : Hz
mgb : 1
I_drive : volt
'''`
    : `eqs = '''
dv/dt = (ge*(Ee - v) + gi*(Ei - v) - (v - El) + I_drive)/taum : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
I_drive : volt
'''`
}
P = NeuronGroup(N, eqs, threshold='v > Vt', reset='v = Vr', refractory=${py(spec.neuron.refractoryMs)}*ms, method='exponential_euler')
${nmda ? "# Mg2+ block (Jahr & Stevens 1990) from the start-of-step V, frozen over the step as in lodyn.\nP.run_regularly('mgb = 1/(1 + mg/3.57*exp(-0.062*v/mV))', when='before_groups')\n" : ''}P.v = '${py(init.vMeanMv)}*mV + ${py(init.vSdMv)}*mV*randn()'
P.ge = '${py(init.geMean)} + ${py(init.geSd)}*randn()'
P.gi = '${py(init.giMean)} + ${py(init.giSd)}*randn()'
`,
      };
    }
    case 'adex': {
      const p = spec.neuron;
      const s = spec.synapse;
      const cond = s.kind === 'conductance';
      return {
        weightUnit: cond ? 'nS' : 'pA',
        driveUnit: 'pA',
        exc: 'ge',
        inh: 'gi',
        body: `C = ${py(p.capacitancePf)}*pF
gL = ${py(p.gLeakNs)}*nS
EL = ${py(p.eLeakMv)}*mV
VT = ${py(p.vThresholdMv)}*mV
DeltaT = ${py(p.deltaTMv)}*mV
a = ${py(p.aNs)}*nS
b = ${py(p.bPa)}*pA
tauw = ${py(p.tauWMs)}*ms
Vr = ${py(p.vResetMv)}*mV
Vcut = ${py(p.vCutMv)}*mV
taue = ${py(s.tauEMs)}*ms
taui = ${py(s.tauIMs)}*ms
Ee = ${py(s.eExcMv)}*mV
Ei = ${py(s.eInhMv)}*mV
eqs = '''
dv/dt = (-gL*(v - EL) + gL*DeltaT*exp(clip((v - VT)/DeltaT, -1e9, ${py(ADEX_EXP_ARG_MAX)})) - w + Isyn + I_drive)/C : volt (unless refractory)
dw/dt = (a*(v - EL) - w)/tauw : amp
Isyn = ${cond ? 'ge*(Ee - v) + gi*(Ei - v)' : 'ge - gi'} : amp
ge : ${cond ? 'siemens' : 'amp'}
gi : ${cond ? 'siemens' : 'amp'}
I_drive : amp
'''
P = NeuronGroup(N, eqs, threshold='v > Vcut', reset='v = Vr; w += b', ${
          p.refractoryMs > 0 ? `refractory=${py(p.refractoryMs)}*ms, ` : ''
        }method='euler')
# Synaptic variables decay exactly after the Euler step of v and w, as in lodyn.
P.run_regularly('ge *= exp(-dt/taue)\\ngi *= exp(-dt/taui)', when='after_groups')
P.v = '${py(spec.init.vMinMv)}*mV + rand()*(${py(spec.init.vMaxMv - spec.init.vMinMv)}*mV)'
`,
      };
    }
    case 'izhikevich': {
      const e = spec.neuron.E;
      const i = spec.neuron.I;
      return {
        weightUnit: '1',
        driveUnit: '1',
        exc: 'ge',
        inh: 'gi',
        body: `# Izhikevich (2003) in its own dimensionless units (v in mV, time in ms).
taue = ${py(spec.synapse.tauEMs)}*ms
taui = ${py(spec.synapse.tauIMs)}*ms
vpeak = ${py(spec.neuron.vPeakMv)}
eqs = '''
dv/dt = (0.04*v**2 + 5*v + 140 - u + ge + gi + I_drive)/ms : 1
du/dt = a*(b*v - u)/ms : 1
a : 1
b : 1
c : 1
d : 1
ge : 1
gi : 1
I_drive : 1
'''
P = NeuronGroup(N, eqs, threshold='v >= vpeak', reset='v = c; u += d', method='euler')
P.run_regularly('ge *= exp(-dt/taue)\\ngi *= exp(-dt/taui)', when='after_groups')
P.a[:NE] = ${py(e.a)}; P.b[:NE] = ${py(e.b)}; P.c[:NE] = ${py(e.c)}; P.d[:NE] = ${py(e.d)}
P.a[NE:] = ${py(i.a)}; P.b[NE:] = ${py(i.b)}; P.c[NE:] = ${py(i.c)}; P.d[NE:] = ${py(i.d)}
P.v = '${py(spec.init.vMinMv)} + rand()*${py(spec.init.vMaxMv - spec.init.vMinMv)}'
P.u = 'b*v'
`,
      };
    }
  }
}

function pathwayCode(
  spec: NetworkSpec,
  key: PathwayKey,
  fc: FamilyCode,
  nE: number,
  nI: number,
  index: number,
): string {
  const p = spec.connectivity[key];
  const src = key[0];
  const tgt = key[1];
  const same = src === tgt;
  const nSrc = src === 'E' ? nE : nI;
  const k = meanInDegree(p, nSrc, same);
  const jEff = scaledWeight(spec, key, k);
  const unit = fc.weightUnit === '1' ? '' : `*${fc.weightUnit}`;
  const variable = src === 'E' ? fc.exc : fc.inh;
  const hetero = p.weightCv > 0;
  const wExpr = hetero ? 'w_syn' : `${py(jEff)}${unit}`;
  const onPre = [`${variable}_post += ${wExpr}`, ...(src === 'E' && fc.excExtra ? [fc.excExtra(wExpr)] : [])].join(
    '; ',
  );
  const name = `S_${key}`;
  const lines = [
    `# ${key}: ${src} -> ${tgt}, ${p.rule}, J_eff = ${jEff} (${spec.connectivity.weightScaling} scaling, K = ${k})`,
  ];
  lines.push(
    `${name} = Synapses(P${src}, P${tgt}, ${hetero ? `'w_syn : ${fc.weightUnit === '1' ? '1' : fc.weightUnit === 'mV' ? 'volt' : fc.weightUnit === 'nS' ? 'siemens' : 'amp'}', ` : ''}on_pre='${onPre}')`,
  );
  const noSelf = same && !p.autapses;
  if (p.rule === 'fixed-probability') {
    lines.push(`${name}.connect(${noSelf ? "condition='i != j', " : ''}p=${py(p.p)})`);
  } else {
    lines.push(
      `_i, _j = fixed_indegree(${nSrc}, ${tgt === 'E' ? nE : nI}, ${p.k}, ${noSelf ? 'True' : 'False'}, ${index})`,
    );
    lines.push(`${name}.connect(i=_i, j=_j)`);
  }
  if (hetero) {
    const sigma2 = Math.log(1 + p.weightCv * p.weightCv);
    const mu = Math.log(Math.abs(jEff)) - sigma2 / 2;
    lines.push(`${name}.w_syn = '${jEff < 0 ? '-' : ''}exp(${py(mu)} + ${py(Math.sqrt(sigma2))}*randn())${unit}'`);
  }
  if (p.delayMaxSteps > 0) {
    const span = p.delayMaxSteps - p.delayMinSteps + 1;
    lines.push(
      span === 1
        ? `${name}.delay = ${p.delayMinSteps}*defaultclock.dt`
        : `${name}.delay = '(${p.delayMinSteps} + floor(rand()*${span}))*dt'`,
    );
  }
  return lines.join('\n');
}

/** The Brian2 script of `spec` with `seed`. It prints one JSON line `LODYN_RESULT {...}` with rates, CVs and timing. */
export function exportBrian2(spec: NetworkSpec, seed: number): string {
  const { n, nE, nI } = layoutOf(spec);
  const fc = familyCode(spec);
  const unit = fc.weightUnit === '1' ? '' : `*${fc.weightUnit}`;
  const drive = fc.driveUnit === '1' ? '' : `*${fc.driveUnit}`;
  const inputs = (['E', 'I'] as const)
    .filter((pop) => (pop === 'E' ? nE : nI) > 0)
    .map((pop) => {
      const inp = spec.input[pop];
      const lines = [`P${pop}.I_drive = ${py(inp.current)}${drive}`];
      if (inp.poissonRateHz > 0 && inp.poissonSources > 0 && inp.poissonWeight > 0) {
        lines.push(
          `PI_${pop} = PoissonInput(P${pop}, '${fc.exc}', N=${inp.poissonSources}, rate=${py(inp.poissonRateHz)}*Hz, weight='${py(inp.poissonWeight)}${unit}')`,
        );
      }
      return lines.join('\n');
    })
    .join('\n');
  // Brian2 refuses empty subgroups: a population of 0 neurons (fractionE 0 or 1) gets no subgroup and no pathways.
  const size = { E: nE, I: nI } as const;
  const pathways = pathwayKeys
    .map((key, i) =>
      size[key[0] as 'E' | 'I'] > 0 && size[key[1] as 'E' | 'I'] > 0
        ? pathwayCode(spec, key, fc, nE, nI, i)
        : `# ${key}: skipped (an empty population)`,
    )
    .join('\n');
  const subgroups = [
    nE > 0 ? 'PE = P[:NE]' : '# PE: no excitatory neurons',
    nI > 0 ? 'PI = P[NE:]' : '# PI: no inhibitory neurons',
  ].join('\n');
  return `#!/usr/bin/env python3
# Brian2 script generated by lodyn ${APP_VERSION} (export-brian2): model ${spec.model}, seed ${seed}.
# Same model, integrators, connectivity rule and parameters as lodyn; random numbers are Brian2's/numpy's own.
# Usage: python3 net.py [--device runtime|cpp_standalone] [--build-dir DIR] [--spikes-out FILE.csv]
import argparse, json, os, sys, time
import numpy as np
from brian2 import *

parser = argparse.ArgumentParser()
parser.add_argument('--device', default='runtime', choices=['runtime', 'cpp_standalone'])
parser.add_argument('--build-dir', default=None)
parser.add_argument('--spikes-out', default=None)
args = parser.parse_args()
if args.device == 'cpp_standalone':
    set_device('cpp_standalone', directory=args.build_dir or 'brian2_standalone_${spec.model}', build_on_run=True)
    prefs.devices.cpp_standalone.openmp_threads = 0
else:
    prefs.codegen.target = 'numpy'

SEED = ${seed}
seed(SEED)
np.random.seed(SEED)
defaultclock.dt = ${py(spec.simulation.dtMs)}*ms
duration = ${py(spec.simulation.durationMs)}*ms
N = ${n}
NE = ${nE}
NI = ${nI}

def fixed_indegree(n_src, n_tgt, k, no_self, stream):
    # Exactly k distinct sources per target, drawn with numpy from the seed.
    rng = np.random.RandomState((SEED * 7919 + stream) % (2**32))
    ii, jj = [], []
    for t in range(n_tgt):
        pool = np.arange(n_src)
        if no_self:
            pool = pool[pool != t]
        ii.append(rng.choice(pool, k, replace=False))
        jj.append(np.full(k, t))
    return np.concatenate(ii).astype(int), np.concatenate(jj).astype(int)

${fc.body}${subgroups}
${pathways}
${inputs}
M = SpikeMonitor(P)
run(duration)
main_loop_s = float(getattr(device, '_last_run_time', float('nan')))

i_arr = np.asarray(M.i[:])
t_ms = np.asarray(M.t[:] / ms)
def summary(lo, hi):
    sel = (i_arr >= lo) & (i_arr < hi)
    count = int(sel.sum())
    rate = count / max(hi - lo, 1) / float(duration / second)
    cvs = []
    order = np.lexsort((t_ms[sel], i_arr[sel]))
    ii, tt = i_arr[sel][order], t_ms[sel][order]
    bounds = np.flatnonzero(np.diff(ii)) + 1
    for chunk in np.split(tt, bounds):
        if len(chunk) >= 3:
            isi = np.diff(chunk)
            cvs.append(float(np.std(isi) / np.mean(isi)))
    return count, rate, (float(np.mean(cvs)) if cvs else None)
cE, rE, cvE = summary(0, NE)
cI, rI, cvI = summary(NE, N)
if args.spikes_out:
    with open(args.spikes_out, 'w') as f:
        f.write('neuron,time_ms\\n')
        for k in np.lexsort((i_arr, t_ms)):
            f.write('%d,%.10g\\n' % (i_arr[k], t_ms[k]))
print('LODYN_RESULT ' + json.dumps({'model': '${spec.model}', 'seed': SEED, 'device': args.device, 'mainLoopS': main_loop_s,
    'spikeCount': cE + cI, 'populations': {'E': {'spikeCount': cE, 'rateHz': rE, 'meanCv': cvE},
    'I': {'spikeCount': cI, 'rateHz': rI, 'meanCv': cvI}}}))
`;
}
