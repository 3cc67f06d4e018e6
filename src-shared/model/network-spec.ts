// The network spec of the five model families: plain data (zod), every parameter with unit, default, range and doc.
import { z } from 'zod';
import { parseOrThrow } from '../contract/validate';
import { bool, choice, group, num, paramTable, type ParamMeta } from './params';

export const modelFamilies = ['cuba-lif', 'coba-lif', 'coba-nmda-lif', 'adex', 'izhikevich'] as const;
export type ModelFamily = (typeof modelFamilies)[number];

/** Pathway keys name source then target: `EI` is E → I. */
export const pathwayKeys = ['EE', 'EI', 'IE', 'II'] as const;
export type PathwayKey = (typeof pathwayKeys)[number];
export const populationNames = ['E', 'I'] as const;
export type PopulationName = (typeof populationNames)[number];

export const weightScalings = ['absolute', 'sqrt-k', 'k', 'log-k'] as const;

interface WeightUnit {
  unit: string;
  min: number;
  max: number;
}

function pathway(key: PathwayKey, weight: number, wu: WeightUnit) {
  const [src, tgt] = key.split('') as [PopulationName, PopulationName];
  return group({
    rule: choice(
      'Connection rule',
      ['fixed-probability', 'fixed-indegree'] as const,
      'fixed-probability',
      `How ${src} → ${tgt} synapses are drawn: each pair independently with probability p, or exactly k sources per target.`,
    ),
    p: num(
      'Connection probability',
      '1',
      0.02,
      0,
      1,
      `Probability of each ${src} → ${tgt} pair (fixed-probability rule); Brette 2007: 0.02.`,
    ),
    k: num(
      'In-degree',
      '1',
      80,
      0,
      100_000,
      `Sources per ${tgt} neuron (fixed-indegree rule); 80 = 0.02 × 4000.`,
      true,
    ),
    autapses: bool(
      'Self-connections',
      true,
      `Whether a neuron may connect to itself (only matters for ${src} → ${tgt} when ${src} = ${tgt}); Brian2's CUBA/COBA allow them.`,
    ),
    weight: num(
      'Weight J',
      wu.unit,
      weight,
      wu.min,
      wu.max,
      `Jump of the ${src === 'E' ? 'excitatory' : 'inhibitory'} synaptic variable of the ${tgt} neuron per ${src} spike, before weight scaling.`,
    ),
    weightCv: num(
      'Weight CV',
      '1',
      0,
      0,
      10,
      'Coefficient of variation of lognormal weight heterogeneity (mean kept at J); 0 = all equal.',
    ),
    delayMinSteps: num(
      'Min delay',
      'steps',
      0,
      0,
      10_000,
      'Smallest synaptic delay in time steps; 0 = the spike acts on the next step.',
      true,
    ),
    delayMaxSteps: num(
      'Max delay',
      'steps',
      0,
      0,
      10_000,
      'Largest synaptic delay in time steps; delays are uniform integers in [min, max].',
      true,
    ),
  });
}

function connectivity(we: number, wi: number, wu: WeightUnit) {
  return group({
    weightScaling: choice(
      'Weight scaling',
      weightScalings,
      'absolute',
      'Effective weight = J (absolute), J/√K, J/K or J/ln K, where K is the pathway’s mean in-degree (for scaling-law studies).',
    ),
    EE: pathway('EE', we, wu),
    EI: pathway('EI', we, wu),
    IE: pathway('IE', wi, wu),
    II: pathway('II', wi, wu),
  });
}

function inputGroup(
  pop: PopulationName,
  poissonWeight: number,
  wu: WeightUnit,
  currentUnit: string,
  currentMax: number,
  rateHz: number,
  sources: number,
) {
  return group({
    poissonRateHz: num(
      'Poisson rate',
      'Hz',
      rateHz,
      0,
      10_000,
      `Rate of each external Poisson source onto every ${pop} neuron; 0 = none.`,
    ),
    poissonSources: num(
      'Poisson sources',
      '1',
      sources,
      0,
      1_000_000,
      `Independent sources per ${pop} neuron, simulated exactly as one effective Poisson process of rate sources × rate.`,
      true,
    ),
    poissonWeight: num(
      'Poisson weight',
      wu.unit,
      poissonWeight,
      0,
      wu.max,
      `Jump of the excitatory synaptic variable per external spike onto ${pop}.`,
    ),
    current: num('Constant drive', currentUnit, 0, -currentMax, currentMax, `Constant input onto every ${pop} neuron.`),
  });
}

function input(
  poissonWeight: number,
  wu: WeightUnit,
  currentUnit: string,
  currentMax: number,
  rateHz = 0,
  sources = 1,
) {
  return group({
    E: inputGroup('E', poissonWeight, wu, currentUnit, currentMax, rateHz, sources),
    I: inputGroup('I', poissonWeight, wu, currentUnit, currentMax, rateHz, sources),
  });
}

function network() {
  return group({
    nNeurons: num('Neurons', '1', 4000, 2, 2_000_000, 'Total number of neurons (Brette 2007: 4000).', true),
    fractionE: num(
      'Excitatory fraction',
      '1',
      0.8,
      0,
      1,
      'Fraction of excitatory neurons; E = round(N × fraction), the rest I.',
    ),
  });
}

function simulation() {
  return group({
    dtMs: num('Time step', 'ms', 0.1, 0.001, 1, 'Integration time step (Brette 2007: 0.1 ms).'),
    durationMs: num('Duration', 'ms', 1000, 0.1, 10_000_000, 'Simulated biological time.'),
  });
}

function recording() {
  return group({
    recordFraction: num(
      'Recorded fraction',
      '1',
      1,
      0,
      1,
      'Fraction of neurons whose spikes are kept (a seeded subset of each population); rates always count all.',
    ),
    vTraceCount: num(
      'V traces',
      '1',
      0,
      0,
      64,
      'Number of neurons (spread over E and I) whose membrane potential is recorded every step.',
      true,
    ),
    rateBinMs: num('Rate bin', 'ms', 1, 0.001, 10_000, 'Bin width of the recorded population rate.'),
  });
}

function guards() {
  return group({
    maxRateHz: num(
      'Explosion rate',
      'Hz',
      400,
      1,
      100_000,
      'The run stops as `exploded` when the mean rate of all neurons exceeds this…',
    ),
    maxRateWindowMs: num('Explosion window', 'ms', 50, 0.1, 100_000, '…averaged over this sliding window.'),
    quiescentWindowMs: num(
      'Quiescence window',
      'ms',
      200,
      1,
      10_000_000,
      'The run stops as `quiescent` when no neuron spikes for this long.',
    ),
    maxSpikes: num(
      'Spike budget',
      'spikes',
      50_000_000,
      1,
      1_000_000_000,
      'The run stops as `spike-budget` when more spikes than this would be recorded (memory: 8 bytes per spike).',
      true,
    ),
  });
}

function lifNeuron(vRestMv: number) {
  return group({
    vRestMv: num(
      'Resting potential E_L',
      'mV',
      vRestMv,
      -120,
      50,
      'Leak reversal potential (CUBA: −49 mV, COBA: −60 mV).',
    ),
    vThresholdMv: num('Threshold V_t', 'mV', -50, -120, 50, 'Spike when V exceeds it (Brette 2007: −50 mV).'),
    vResetMv: num('Reset V_r', 'mV', -60, -120, 50, 'V after a spike (Brette 2007: −60 mV).'),
    tauMMs: num('Membrane τ_m', 'ms', 20, 0.1, 1000, 'Membrane time constant C/g_L (Brette 2007: 20 ms).'),
    refractoryMs: num(
      'Refractory period',
      'ms',
      5,
      0,
      1000,
      'V is clamped at reset for this long after a spike (Brette 2007: 5 ms).',
    ),
  });
}

const mV: WeightUnit = { unit: 'mV', min: -1000, max: 1000 };
const gL: WeightUnit = { unit: 'g_L', min: 0, max: 10_000 };
const nSorPa: WeightUnit = { unit: 'nS|pA', min: 0, max: 100_000 };
const mvPerMs: WeightUnit = { unit: 'mV/ms', min: -10_000, max: 10_000 };

function tauSyn() {
  return {
    tauEMs: num(
      'Excitatory τ_e',
      'ms',
      5,
      0.01,
      1000,
      'Decay time constant of excitatory synaptic variables (Brette 2007: 5 ms).',
    ),
    tauIMs: num(
      'Inhibitory τ_i',
      'ms',
      10,
      0.01,
      1000,
      'Decay time constant of inhibitory synaptic variables (Brette 2007: 10 ms).',
    ),
  };
}

function reversal() {
  return {
    eExcMv: num(
      'Excitatory reversal E_e',
      'mV',
      0,
      -120,
      100,
      'Reversal potential of excitatory conductances (Brette 2007: 0 mV).',
    ),
    eInhMv: num(
      'Inhibitory reversal E_i',
      'mV',
      -80,
      -120,
      100,
      'Reversal potential of inhibitory conductances (Brette 2007: −80 mV).',
    ),
  };
}

function cobaInit() {
  return group({
    vMeanMv: num('Initial V mean', 'mV', -65, -120, 50, 'Initial V ~ N(mean, sd²); Brette 2007 COBA: E_L − 5 mV.'),
    vSdMv: num('Initial V sd', 'mV', 5, 0, 100, 'Standard deviation of the initial V (Brette 2007 COBA: 5 mV).'),
    geMean: num(
      'Initial g_e mean',
      'g_L',
      4,
      -1000,
      1000,
      'Initial excitatory conductance ~ N(mean, sd²) (Brette 2007: 4).',
    ),
    geSd: num('Initial g_e sd', 'g_L', 1.5, 0, 1000, 'Standard deviation of the initial g_e (Brette 2007: 1.5).'),
    giMean: num(
      'Initial g_i mean',
      'g_L',
      20,
      -1000,
      1000,
      'Initial inhibitory conductance ~ N(mean, sd²) (Brette 2007: 20).',
    ),
    giSd: num('Initial g_i sd', 'g_L', 12, 0, 1000, 'Standard deviation of the initial g_i (Brette 2007: 12).'),
  });
}

function uniformVInit(min: number, max: number, doc: string) {
  return group({
    vMinMv: num('Initial V min', 'mV', min, -200, 100, `Initial V ~ uniform[min, max]; ${doc}`),
    vMaxMv: num('Initial V max', 'mV', max, -200, 100, 'Upper end of the uniform initial V.'),
  });
}

const common = () => ({ network: network(), simulation: simulation(), recording: recording(), guards: guards() });

export const cubaLifSchema = z.strictObject({
  model: z.literal('cuba-lif'),
  ...common(),
  neuron: lifNeuron(-49),
  synapse: group(tauSyn()),
  connectivity: connectivity(1.62, -9, mV),
  input: input(1.62, mV, 'mV', 1000),
  init: uniformVInit(-60, -50, 'Brette 2007 CUBA: [V_r, V_t]; synaptic variables start at 0.'),
});

export const cobaLifSchema = z.strictObject({
  model: z.literal('coba-lif'),
  ...common(),
  neuron: lifNeuron(-60),
  synapse: group({ ...tauSyn(), ...reversal() }),
  connectivity: connectivity(0.6, 6.7, gL),
  input: input(0.6, gL, 'mV', 1000),
  init: cobaInit(),
});

export const cobaNmdaLifSchema = z.strictObject({
  model: z.literal('coba-nmda-lif'),
  ...common(),
  neuron: lifNeuron(-60),
  synapse: group({
    ...tauSyn(),
    ...reversal(),
    eNmdaMv: num('NMDA reversal', 'mV', 0, -120, 100, 'Reversal potential of the NMDA conductance (0 mV).'),
    tauNmdaRiseMs: num('NMDA rise τ', 'ms', 2, 0.01, 1000, 'Rise time constant of the NMDA conductance (≈2 ms).'),
    tauNmdaDecayMs: num(
      'NMDA decay τ',
      'ms',
      100,
      0.1,
      10_000,
      'Decay time constant of the NMDA conductance (≈100 ms).',
    ),
    nmdaRatio: num(
      'NMDA/AMPA ratio',
      '1',
      0.15,
      0,
      100,
      'Charge of the unblocked NMDA conductance per E spike relative to the AMPA one (J·τ_e).',
    ),
    mgMm: num(
      '[Mg²⁺]',
      'mM',
      1,
      0,
      10,
      'Extracellular magnesium; block B(V) = 1/(1 + [Mg]/3.57·exp(−0.062 V/mV)) (Jahr & Stevens 1990).',
    ),
  }),
  connectivity: connectivity(0.6, 6.7, gL),
  input: input(0.6, gL, 'mV', 1000),
  init: cobaInit(),
});

export const adexSchema = z.strictObject({
  model: z.literal('adex'),
  ...common(),
  neuron: group({
    capacitancePf: num(
      'Capacitance C',
      'pF',
      281,
      1,
      100_000,
      'Membrane capacitance (Brette & Gerstner 2005: 281 pF).',
    ),
    gLeakNs: num('Leak g_L', 'nS', 30, 0.01, 10_000, 'Leak conductance (Brette & Gerstner 2005: 30 nS).'),
    eLeakMv: num(
      'Leak reversal E_L',
      'mV',
      -70.6,
      -120,
      50,
      'Leak reversal potential (Brette & Gerstner 2005: −70.6 mV).',
    ),
    vThresholdMv: num(
      'Threshold V_T',
      'mV',
      -50.4,
      -120,
      50,
      'Soft threshold of the exponential term (Brette & Gerstner 2005: −50.4 mV).',
    ),
    deltaTMv: num('Slope Δ_T', 'mV', 2, 0.01, 100, 'Sharpness of spike initiation (Brette & Gerstner 2005: 2 mV).'),
    aNs: num('Subthreshold adaptation a', 'nS', 4, -1000, 10_000, 'Coupling of w to V (Brette & Gerstner 2005: 4 nS).'),
    bPa: num(
      'Spike adaptation b',
      'pA',
      80.5,
      -10_000,
      100_000,
      'Jump of w per spike (Brette & Gerstner 2005: 0.0805 nA).',
    ),
    tauWMs: num(
      'Adaptation τ_w',
      'ms',
      144,
      0.1,
      100_000,
      'Adaptation time constant (Brette & Gerstner 2005: 144 ms).',
    ),
    vResetMv: num('Reset V_r', 'mV', -70.6, -120, 50, 'V after a spike (Brette & Gerstner 2005: E_L).'),
    vCutMv: num(
      'Spike cut-off',
      'mV',
      -40.4,
      -100,
      100,
      'A spike is registered and V reset when V exceeds it (V_T + 5 Δ_T); the exponential’s argument is also capped at 20 so V never diverges.',
    ),
    refractoryMs: num(
      'Refractory period',
      'ms',
      0,
      0,
      1000,
      'V is clamped at reset for this long after a spike (w keeps evolving).',
    ),
  }),
  synapse: group({
    kind: choice(
      'Synapse type',
      ['conductance', 'current'] as const,
      'conductance',
      'Conductance synapses (weights in nS, driving force E − V) or current synapses (weights in pA).',
    ),
    ...tauSyn(),
    ...reversal(),
  }),
  connectivity: connectivity(2, 40, nSorPa),
  input: input(3, nSorPa, 'pA', 100_000, 10, 100),
  init: uniformVInit(-70.6, -50.4, 'between E_L and V_T; w and synaptic variables start at 0.'),
});

function izhPopulation(pop: PopulationName, a: number, b: number, c: number, d: number, kind: string) {
  return group({
    a: num(`${pop}: a`, '1/ms', a, 0, 10, `Recovery rate (${kind}: ${a}).`),
    b: num(`${pop}: b`, '1', b, -10, 10, `Sensitivity of u to v (${kind}: ${b}).`),
    c: num(`${pop}: c`, 'mV', c, -120, 50, `Reset of v after a spike (${kind}: ${c}).`),
    d: num(`${pop}: d`, 'mV/ms', d, -100, 100, `Jump of u per spike (${kind}: ${d}).`),
  });
}

export const izhikevichSchema = z.strictObject({
  model: z.literal('izhikevich'),
  ...common(),
  neuron: group({
    E: izhPopulation('E', 0.02, 0.2, -65, 8, 'regular spiking, Izhikevich 2003'),
    I: izhPopulation('I', 0.1, 0.2, -65, 2, 'fast spiking, Izhikevich 2003'),
    vPeakMv: num(
      'Spike peak',
      'mV',
      30,
      -50,
      200,
      'A spike is registered and v, u reset when v ≥ peak (Izhikevich 2003: 30 mV).',
    ),
  }),
  synapse: group(tauSyn()),
  connectivity: connectivity(0.5, -2, mvPerMs),
  input: input(1, mvPerMs, 'mV/ms', 10_000, 10, 100),
  init: uniformVInit(-70, -60, 'u starts at b·v; synaptic variables at 0.'),
});

export const familySchemas = {
  'cuba-lif': cubaLifSchema,
  'coba-lif': cobaLifSchema,
  'coba-nmda-lif': cobaNmdaLifSchema,
  adex: adexSchema,
  izhikevich: izhikevichSchema,
} as const satisfies Record<ModelFamily, z.ZodType>;

export const networkSpecSchema = z.discriminatedUnion('model', [
  cubaLifSchema,
  cobaLifSchema,
  cobaNmdaLifSchema,
  adexSchema,
  izhikevichSchema,
]);

/** A complete, validated spec (every default filled in). */
export type NetworkSpec = z.output<typeof networkSpecSchema>;
/** What users may write: any field may be left out and takes its default. */
export type NetworkSpecInput = z.input<typeof networkSpecSchema>;
export type SpecOf<F extends ModelFamily> = Extract<NetworkSpec, { model: F }>;
export type PathwaySpec = NetworkSpec['connectivity']['EE'];
export type InputSpec = NetworkSpec['input']['E'];

/** Default spec of a family (the published benchmark for cuba-lif and coba-lif). */
export function defaultSpec<F extends ModelFamily>(family: F): SpecOf<F> {
  return familySchemas[family].parse({ model: family }) as SpecOf<F>;
}

/** Parses and fills a spec; throws a ValidationError naming the first bad field and its allowed range. */
export function parseNetworkSpec(value: unknown): NetworkSpec {
  const spec = parseOrThrow(networkSpecSchema, value, '');
  return spec;
}

/** One row per editable parameter of a family (the `model` discriminator excluded). */
export function familyParamTable(family: ModelFamily): ParamMeta[] {
  return paramTable(familySchemas[family]);
}

/** JSON Schema (draft 2020-12) of the spec, with units, labels and docs as extra keywords. */
export function networkSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(networkSpecSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
