// Pinned spike trains: (spec, seed) → the same spikes in every version and on every machine (CI's included), unless
// a change means to alter them. A deliberate change (a new random stream, a new integrator) updates this table and
// says so in its commit; an accidental one (a "faster" builder that draws in another order) fails here.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modelFamilies, parseNetworkSpec } from '../../../../../src-shared/model/network-spec';
import { runSimulation } from '../../../../../src-main/engine/sim/run-simulation';

/** Connectivity and input variants: the default rule; fixed in-degree (with and without autapses, per-synapse weights
 * and delays, so the order of a target's sources matters); lognormal weights, delays and Poisson input. */
const variants: Record<string, object> = {
  plain: {},
  indegree: {
    connectivity: {
      EE: { rule: 'fixed-indegree', k: 30, weightCv: 0.3 },
      EI: { rule: 'fixed-indegree', k: 3, weightCv: 0.8 },
      IE: { rule: 'fixed-indegree', k: 10, autapses: false, delayMinSteps: 0, delayMaxSteps: 8 },
      II: { rule: 'fixed-indegree', k: 10, autapses: false },
    },
  },
  heterogeneous: {
    connectivity: {
      EE: { weightCv: 0.5, delayMinSteps: 1, delayMaxSteps: 15, autapses: false },
      EI: { delayMinSteps: 3, delayMaxSteps: 3 },
      II: { weightCv: 1.2 },
    },
    input: { E: { poissonRateHz: 5, poissonSources: 100 }, I: { poissonRateHz: 5, poissonSources: 100 } },
  },
};

/** `family variant`: status, spike count, synapse count, first 16 hex digits of sha256(neuron ids, times). */
const pinned: Record<string, string> = {
  'cuba-lif plain': 'completed 2819 12910 9974ba3449286681',
  'cuba-lif indegree': 'completed 6658 27680 1e1614adbdde1abf',
  'cuba-lif heterogeneous': 'completed 4917 12898 7621ae984fc47ea2',
  'coba-lif plain': 'quiescent 133 12910 8859fc5a379cd9a7',
  'coba-lif indegree': 'completed 34814 27680 5af5e9a71641353e',
  'coba-lif heterogeneous': 'completed 11438 12898 fcb81109ffbbead3',
  'coba-nmda-lif plain': 'quiescent 133 12910 571db18faf7f6bca',
  'coba-nmda-lif indegree': 'completed 34617 27680 8eacc2db6857b10a',
  'coba-nmda-lif heterogeneous': 'completed 11207 12898 96a15d83c9e713a0',
  'adex plain': 'completed 3659 12910 091486078e9ade11',
  'adex indegree': 'completed 3032 27680 c4ec8eac3d97a5b8',
  'adex heterogeneous': 'completed 241 12898 d841d009f3f1e482',
  'izhikevich plain': 'completed 3535 12910 bc19a2f8277a8f7e',
  'izhikevich indegree': 'completed 2654 27680 c73ebc7d688c202c',
  'izhikevich heterogeneous': 'completed 1434 12898 4b76054045923e40',
};

describe('pinned spike trains', () => {
  for (const model of modelFamilies) {
    for (const [variant, extra] of Object.entries(variants)) {
      it(`${model} ${variant}: the pinned spikes, from both kernels`, () => {
        const spec = parseNetworkSpec({
          model,
          network: { nNeurons: 800 },
          simulation: { durationMs: 300 },
          ...extra,
        });
        for (const kernel of ['js', 'wasm-simd'] as const) {
          const r = runSimulation(spec, 7, { kernel });
          const h = createHash('sha256');
          h.update(Buffer.from(r.spikes.neuron.buffer, r.spikes.neuron.byteOffset, r.spikes.neuron.byteLength));
          h.update(Buffer.from(r.spikes.timeMs.buffer, r.spikes.timeMs.byteOffset, r.spikes.timeMs.byteLength));
          const got = `${r.status} ${r.spikeCount} ${r.nSynapses} ${h.digest('hex').slice(0, 16)}`;
          expect(got, kernel).toBe(pinned[`${model} ${variant}`]);
        }
      });
    }
  }
});
