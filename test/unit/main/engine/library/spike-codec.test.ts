// Spike codec: bit-exact round trips, the raw fallback, ≤ 2 bytes per spike on Poisson (asynchronous irregular) trains.
import { describe, expect, it } from 'vitest';
import {
  decodeSpikes,
  encodeSpikes,
  packSpikeShard,
  spikeBlobAt,
} from '../../../../../src-main/engine/library/spike-codec';
import { mulberry32 } from '../../../../../src-main/engine/library/hash-rng';
import { subsetRecording } from '../../../../../src-main/engine/library/run-plan';
import type { SpikeRecord } from '../../../../../src-shared/model/spikes';

/** Independent Poisson trains at `rateHz` with refractoriness, on a dt grid (times = step * dt). */
export function poissonRecord(
  nNeurons: number,
  rateHz: number,
  durationMs: number,
  dtMs: number,
  seed: number,
): SpikeRecord {
  const rand = mulberry32(seed);
  const pairs: [number, number][] = [];
  const nSteps = Math.round(durationMs / dtMs);
  for (let k = 0; k < nNeurons; k++) {
    let t = 0;
    for (;;) {
      t += Math.max(1, Math.round(-Math.log(1 - rand()) / (rateHz / 1000) / dtMs));
      if (t >= nSteps) break;
      pairs.push([t, k]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    neuron: Uint32Array.from(pairs, (p) => p[1]),
    timeMs: Float64Array.from(pairs, (p) => p[0] * dtMs),
    nNeurons,
    durationMs,
    populations: [
      { name: 'E', start: 0, count: Math.round(nNeurons * 0.8) },
      { name: 'I', start: Math.round(nNeurons * 0.8), count: nNeurons - Math.round(nNeurons * 0.8) },
    ],
  };
}

describe('spike codec', () => {
  it('round-trips bit-exactly and stays under 2 bytes per spike on asynchronous irregular activity', () => {
    const rec = poissonRecord(1000, 8, 2000, 0.1, 1);
    const bytes = encodeSpikes(rec, 0.1);
    const back = decodeSpikes(bytes);
    expect(back.neuron).toEqual(rec.neuron);
    expect(back.timeMs).toEqual(rec.timeMs);
    expect(back.populations).toEqual(rec.populations);
    expect(back.nNeurons).toBe(1000);
    expect(back.durationMs).toBe(2000);
    const perSpike = bytes.length / rec.neuron.length;
    expect(rec.neuron.length).toBeGreaterThan(10000);
    expect(perSpike).toBeLessThan(2);
  });

  it('deflates regular trains (repeated intervals) below what Rice codes reach, still bit-exact', () => {
    const pairs: [number, number][] = [];
    for (let k = 0; k < 200; k++) for (let t = 50 + k; t < 20000; t += 250) pairs.push([t, k]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rec: SpikeRecord = {
      neuron: Uint32Array.from(pairs, (p) => p[1]),
      timeMs: Float64Array.from(pairs, (p) => p[0] * 0.1),
      nNeurons: 200,
      durationMs: 2000,
      populations: [],
    };
    const bytes = encodeSpikes(rec, 0.1);
    expect(bytes[0]).toBe(2); // the deflate mode was chosen
    expect(bytes.length / rec.neuron.length).toBeLessThan(0.2);
    const back = decodeSpikes(bytes);
    expect(back.neuron).toEqual(rec.neuron);
    expect(back.timeMs).toEqual(rec.timeMs);
  });

  it('falls back to raw times when they are not multiples of dt, still lossless', () => {
    const rec = poissonRecord(50, 20, 500, 0.1, 2);
    rec.timeMs[3] += 1e-7;
    const back = decodeSpikes(encodeSpikes(rec, 0.1));
    expect(back.timeMs).toEqual(rec.timeMs);
    expect(back.neuron).toEqual(rec.neuron);
  });

  it('handles empty runs, silent neurons, huge intervals and source ids', () => {
    const empty: SpikeRecord = {
      neuron: new Uint32Array(0),
      timeMs: new Float64Array(0),
      nNeurons: 5,
      durationMs: 10,
      populations: [],
    };
    expect(decodeSpikes(encodeSpikes(empty, 0.1))).toEqual(empty);
    const sparse: SpikeRecord = {
      neuron: Uint32Array.from([2, 0, 2]),
      timeMs: Float64Array.from([0, 3, 2 ** 31]),
      nNeurons: 4,
      durationMs: 2 ** 32,
      populations: [{ name: 'all', start: 0, count: 4 }],
      sourceIds: Uint32Array.from([10, 11, 500, 7]),
    };
    expect(decodeSpikes(encodeSpikes(sparse, 1))).toEqual(sparse);
  });

  it('packs runs into a shard and reads any one back', () => {
    const recs = [1, 2, 3].map((s) => poissonRecord(20, 10, 300, 0.1, s));
    const shard = packSpikeShard(recs.map((r) => encodeSpikes(r, 0.1)));
    expect(decodeSpikes(spikeBlobAt(shard, 1)).timeMs).toEqual(recs[1].timeMs);
    expect(() => spikeBlobAt(shard, 3)).toThrow(/out of range/);
  });

  it('records a seeded subset of neurons with their source ids', () => {
    const rec = poissonRecord(100, 20, 500, 0.1, 4);
    const sub = subsetRecording(rec, 10, 99);
    expect(sub.nNeurons).toBe(10);
    expect(sub.sourceIds).toHaveLength(10);
    expect(subsetRecording(rec, 10, 99)).toEqual(sub);
    const ids = Array.from(sub.sourceIds!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const expected = Array.from(rec.neuron).filter((n) => ids.includes(n)).length;
    expect(sub.neuron.length).toBe(expected);
    expect(sub.populations.reduce((s, p) => s + p.count, 0)).toBe(10);
  });
});
