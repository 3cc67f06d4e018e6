// A deterministic stand-in simulator for library tests: Poisson trains whose rate depends on the spec, seeded by run.
import type { LibraryRuntime } from '../../../../../src-main/engine/library/runtime';
import type { RunOutput } from '../../../../../src-main/engine/library/generator';
import { mulberry32 } from '../../../../../src-main/engine/library/hash-rng';
import type { SpikeRecord } from '../../../../../src-shared/model/spikes';

export const FAKE_DT_MS = 0.1;

/** Rate grows with input and excitation, falls with inhibition: enough structure for filters to mean something. */
export function fakeRun(spec: Record<string, unknown>, seed: number, nNeurons = 60, durationMs = 400): RunOutput {
  const conn = (spec.connectivity ?? {}) as Record<string, { weight?: number }>;
  const input = (spec.input ?? {}) as Record<string, { poissonRateHz?: number }>;
  const wE = conn.EE?.weight ?? 1;
  const wI = conn.IE?.weight ?? 1;
  const rateHz = Math.max(0.5, ((input.E?.poissonRateHz ?? 10) * (1 + wE)) / (1 + 0.2 * wI));
  const rand = mulberry32(seed);
  const pairs: [number, number][] = [];
  const nSteps = Math.round(durationMs / FAKE_DT_MS);
  for (let k = 0; k < nNeurons; k++) {
    let t = 0;
    for (;;) {
      t += Math.max(20, Math.round(-Math.log(1 - rand()) / (rateHz / 1000) / FAKE_DT_MS));
      if (t >= nSteps) break;
      pairs.push([t, k]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const spikes: SpikeRecord = {
    neuron: Uint32Array.from(pairs, (p) => p[1]),
    timeMs: Float64Array.from(pairs, (p) => p[0] * FAKE_DT_MS),
    nNeurons,
    durationMs,
    populations: [
      { name: 'E', start: 0, count: (nNeurons * 4) / 5 },
      { name: 'I', start: (nNeurons * 4) / 5, count: nNeurons / 5 },
    ],
  };
  return { spikes, status: pairs.length ? 'ok' : 'quiescent', wallMs: 1, dtMs: FAKE_DT_MS };
}

/** Mean rate (Hz) and spike count: computed from the spikes alone, as real metrics are. */
export function fakeMetrics(spikes: SpikeRecord): Record<string, number> {
  return { rateHz: spikes.neuron.length / spikes.nNeurons / (spikes.durationMs / 1000), count: spikes.neuron.length };
}

export function fakeRuntime(opts: { concurrency?: number; delayMs?: number } = {}): LibraryRuntime {
  return {
    runOne: async (spec, seed) => {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      return fakeRun(spec, seed);
    },
    metrics: fakeMetrics,
    metricInfo: (id) => (id === 'rateHz' ? { label: 'mean rate', unit: 'Hz' } : { label: id, unit: '' }),
    defaultMetricIds: ['rateHz', 'count'],
    concurrency: opts.concurrency ?? 1,
  };
}
