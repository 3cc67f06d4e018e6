// The example parameter space printed by `lodyn space --example`: a COBA LIF E/I network with five free parameters.
import type { ParameterSpaceInput } from './schema';

/**
 * The base spec here is a stand-in shaped like a COBA E/I network; `exampleSpace(baseSpec)` puts any model spec
 * under the same free parameters as long as the paths exist in it.
 */
export function exampleSpace(baseSpec?: Record<string, unknown>): ParameterSpaceInput {
  return {
    version: 1,
    name: 'coba-ei',
    description: 'COBA LIF E/I network: excitatory and inhibitory weights, connection probability, input, tau_m',
    baseSpec: baseSpec ?? {
      neuron: { model: 'lif', tauMs: 20, vRestMv: -60, vThresholdMv: -50, vResetMv: -60, refractoryMs: 5 },
      populations: [
        { name: 'E', n: 800 },
        { name: 'I', n: 200 },
      ],
      synapses: { model: 'coba', weightENs: 0.6, weightINs: 6.7, connectionProbability: 0.02 },
      input: { kind: 'poisson', rateHz: 10 },
      simulation: { durationMs: 1000, dtMs: 0.1 },
    },
    free: [
      { id: 'wE', path: 'synapses.weightENs', unit: 'nS', prior: { kind: 'logUniform', low: 0.1, high: 2 } },
      { id: 'wI', path: 'synapses.weightINs', unit: 'nS', prior: { kind: 'logUniform', low: 1, high: 20 } },
      { id: 'p', path: 'synapses.connectionProbability', unit: '', prior: { kind: 'uniform', low: 0.01, high: 0.1 } },
      { id: 'rateIn', path: 'input.rateHz', unit: 'Hz', prior: { kind: 'logUniform', low: 2, high: 40 } },
      {
        id: 'tauM',
        path: 'neuron.tauMs',
        unit: 'ms',
        prior: { kind: 'truncatedNormal', mean: 20, sd: 5, low: 10, high: 30 },
      },
    ],
    derived: [{ id: 'g', expr: 'wI / wE', unit: '', label: 'inhibition/excitation weight ratio' }],
    constraints: [{ expr: 'wI >= wE', message: 'inhibitory weight at least the excitatory one' }],
  };
}
