// The example parameter space printed by `lodyn space --example`: a COBA LIF E/I network with five free parameters.
import { defaultSpec } from '../model/network-spec';
import type { ParameterSpaceInput } from './schema';

/** COBA LIF E/I network of N = 1000 driven by Poisson input, 1 s; the base every example and default library uses. */
export function exampleBaseSpec(): Record<string, unknown> {
  const spec = structuredClone(defaultSpec('coba-lif')) as unknown as Record<string, Record<string, unknown>>;
  spec.network = { ...spec.network, nNeurons: 1000 };
  const input = spec.input as Record<string, Record<string, unknown>>;
  // 100 independent Poisson sources per neuron keep the network out of the silent state across the prior.
  for (const pop of ['E', 'I'])
    input[pop] = { ...input[pop], poissonRateHz: 5, poissonSources: 100, poissonWeight: 0.6 };
  return spec;
}

/**
 * Excitatory weight wE (both E pathways), inhibitory weight wI (both I pathways), connection probability p (all
 * pathways), external Poisson rate per source and membrane time constant. Pathways other than the addressed one
 * follow through derived parameters, which shows how one free value drives several spec fields.
 */
export function exampleSpace(baseSpec: Record<string, unknown> = exampleBaseSpec()): ParameterSpaceInput {
  return {
    version: 1,
    name: 'coba-ei',
    description: 'COBA LIF E/I network (N = 1000): E and I weights, connection probability, external input rate, tau_m',
    baseSpec,
    free: [
      {
        id: 'wE',
        label: 'E weight',
        path: 'connectivity.EE.weight',
        unit: 'g_L',
        prior: { kind: 'logUniform', low: 0.1, high: 2 },
      },
      {
        id: 'wI',
        label: 'I weight',
        path: 'connectivity.IE.weight',
        unit: 'g_L',
        prior: { kind: 'logUniform', low: 1, high: 20 },
      },
      {
        id: 'p',
        label: 'connection probability',
        path: 'connectivity.EE.p',
        unit: '',
        prior: { kind: 'uniform', low: 0.01, high: 0.1 },
      },
      {
        id: 'rateIn',
        label: 'input rate',
        path: 'input.E.poissonRateHz',
        unit: 'Hz',
        prior: { kind: 'logUniform', low: 1, high: 20 },
      },
      {
        id: 'tauM',
        label: 'membrane time constant',
        path: 'neuron.tauMMs',
        unit: 'ms',
        prior: { kind: 'truncatedNormal', mean: 20, sd: 5, low: 10, high: 30 },
      },
    ],
    derived: [
      { id: 'wEI', expr: 'wE', path: 'connectivity.EI.weight', unit: 'g_L' },
      { id: 'wII', expr: 'wI', path: 'connectivity.II.weight', unit: 'g_L' },
      { id: 'pEI', expr: 'p', path: 'connectivity.EI.p' },
      { id: 'pIE', expr: 'p', path: 'connectivity.IE.p' },
      { id: 'pII', expr: 'p', path: 'connectivity.II.p' },
      { id: 'rateInI', expr: 'rateIn', path: 'input.I.poissonRateHz', unit: 'Hz' },
      { id: 'g', expr: 'wI / wE', label: 'inhibition/excitation weight ratio' },
    ],
    constraints: [{ expr: 'wI >= wE', message: 'inhibitory weight at least the excitatory one' }],
  };
}
