// Records a run: spikes of all neurons or a seeded subset, per-step population counts (rates), and a few V traces.
import type { NetworkSpec } from '../../../src-shared/model/network-spec';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import type { PopulationLayout } from './network-builder';
import { validationError } from '../../../src-shared/contract/envelope';
import { Rng } from './rng';

export interface RecorderOutput {
  spikes: SpikeRecord;
  countE: number;
  countI: number;
  rate: { binMs: number; E: Float64Array; I: Float64Array; all: Float64Array };
  vTraces: { neuron: Uint32Array; vMv: Float32Array } | null;
}

export class Recorder {
  /** Recorded index of each neuron, −1 when not recorded. Shape [n]. */
  private readonly recordedIndex: Int32Array;
  private readonly sourceIds: Uint32Array;
  private readonly nRecordedE: number;
  private neuronBuf: Uint32Array;
  private stepBuf: Uint32Array;
  private nSpikes = 0;
  private readonly countsE: Uint32Array;
  private readonly countsI: Uint32Array;
  private readonly traceIds: Uint32Array;
  private readonly traces: Float32Array | null;
  private readonly maxSpikes: number;
  private readonly dtMs: number;
  /** Steps per rate bin; counts are kept per bin, not per step, so long runs stay small. */
  private readonly binSteps: number;

  constructor(
    spec: NetworkSpec,
    private readonly layout: PopulationLayout,
    seed: number,
    private readonly stepsPlanned: number,
  ) {
    const { n, nE } = layout;
    this.dtMs = spec.simulation.dtMs;
    this.binSteps = Math.max(1, Math.round(spec.recording.rateBinMs / this.dtMs));
    this.maxSpikes = spec.guards.maxSpikes;
    const frac = spec.recording.recordFraction;
    this.recordedIndex = new Int32Array(n).fill(-1);
    const ids: number[] = [];
    if (frac >= 1) {
      for (let i = 0; i < n; i++) ids.push(i);
      this.nRecordedE = nE;
    } else {
      // A seeded subset of each population, kept in id order so spikes stay sorted by neuron within a step.
      const rng = Rng.of(seed, 'recording');
      const pick = (start: number, size: number) => {
        const m = Math.round(size * frac);
        const perm = new Uint32Array(size);
        for (let i = 0; i < size; i++) perm[i] = i;
        for (let i = 0; i < m; i++) {
          const j = i + rng.below(size - i);
          const t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        const chosen = Array.from(perm.subarray(0, m)).sort((a, b) => a - b);
        for (const c of chosen) ids.push(start + c);
        return m;
      };
      this.nRecordedE = pick(0, nE);
      pick(nE, n - nE);
    }
    ids.forEach((id, k) => (this.recordedIndex[id] = k));
    this.sourceIds = Uint32Array.from(ids);
    // Room for 64k spikes to start with, doubled as needed: a fixed 2^20 (8 MB of fresh zero pages per run, 1 ms
    // for a 40 ms run) slowed small runs, the more so with two workers faulting pages in one process.
    const initial = Math.min(1 << 16, this.maxSpikes);
    this.neuronBuf = new Uint32Array(initial);
    this.stepBuf = new Uint32Array(initial);
    const nBins = Math.ceil(stepsPlanned / this.binSteps);
    this.countsE = new Uint32Array(nBins);
    this.countsI = new Uint32Array(nBins);
    // V traces: neurons spread evenly over E, then over I.
    const nTraces = Math.min(spec.recording.vTraceCount, n);
    const nTraceE = Math.min(nE, Math.ceil(nTraces / 2));
    const nTraceI = Math.min(n - nE, nTraces - nTraceE);
    const traceIds: number[] = [];
    for (let k = 0; k < nTraceE; k++) traceIds.push(Math.floor((k * nE) / nTraceE));
    for (let k = 0; k < nTraceI; k++) traceIds.push(nE + Math.floor((k * (n - nE)) / nTraceI));
    this.traceIds = Uint32Array.from(traceIds);
    if (traceIds.length * stepsPlanned > 100_000_000) {
      throw validationError(
        'recording.vTraceCount',
        `${traceIds.length} traces × ${stepsPlanned} steps exceed the 1e8-sample trace budget (400 MB); record fewer traces or a shorter run`,
      );
    }
    this.traces = traceIds.length > 0 ? new Float32Array(traceIds.length * stepsPlanned) : null;
  }

  /** Records one step; returns false when the spike budget would be exceeded (nothing of this step is kept then). */
  record(step: number, spiked: Int32Array, count: number, v: Float64Array): boolean {
    const nE = this.layout.nE;
    let e = 0;
    for (let s = 0; s < count; s++) if (spiked[s] < nE) e++;
    const bin = (step / this.binSteps) | 0;
    this.countsE[bin] += e;
    this.countsI[bin] += count - e;
    const idx = this.recordedIndex;
    if (this.nSpikes + count > this.neuronBuf.length) {
      if (this.nSpikes + count > this.maxSpikes) {
        let kept = 0;
        for (let s = 0; s < count; s++) if (idx[spiked[s]] >= 0) kept++;
        if (this.nSpikes + kept > this.maxSpikes) return false;
      }
      this.grow(this.nSpikes + count);
    }
    for (let s = 0; s < count; s++) {
      const r = idx[spiked[s]];
      if (r >= 0) {
        this.neuronBuf[this.nSpikes] = r;
        this.stepBuf[this.nSpikes++] = step;
      }
    }
    if (this.traces) {
      const ids = this.traceIds;
      const stride = this.stepsPlanned;
      for (let k = 0; k < ids.length; k++) this.traces[k * stride + step] = v[ids[k]];
    }
    return true;
  }

  private grow(atLeast: number): void {
    const size = Math.min(Math.max(atLeast, this.neuronBuf.length * 2), Math.max(atLeast, this.maxSpikes));
    const nb = new Uint32Array(size);
    nb.set(this.neuronBuf.subarray(0, this.nSpikes));
    const sb = new Uint32Array(size);
    sb.set(this.stepBuf.subarray(0, this.nSpikes));
    this.neuronBuf = nb;
    this.stepBuf = sb;
  }

  /** Builds the outputs for `steps` simulated steps. */
  finish(steps: number): RecorderOutput {
    const { n, nE } = this.layout;
    const dt = this.dtMs;
    const timeMs = new Float64Array(this.nSpikes);
    for (let s = 0; s < this.nSpikes; s++) timeMs[s] = this.stepBuf[s] * dt;
    const nRec = this.sourceIds.length;
    const spikes: SpikeRecord = {
      neuron: this.neuronBuf.slice(0, this.nSpikes),
      timeMs,
      nNeurons: nRec,
      durationMs: steps * dt,
      populations: [
        { name: 'E', start: 0, count: this.nRecordedE },
        { name: 'I', start: this.nRecordedE, count: nRec - this.nRecordedE },
      ],
      ...(nRec < n ? { sourceIds: this.sourceIds } : {}),
    };
    const binSteps = this.binSteps;
    const nBins = Math.ceil(steps / binSteps);
    let countE = 0;
    let countI = 0;
    for (let b = 0; b < nBins; b++) {
      countE += this.countsE[b];
      countI += this.countsI[b];
    }
    const E = new Float64Array(nBins);
    const I = new Float64Array(nBins);
    const all = new Float64Array(nBins);
    for (let b = 0; b < nBins; b++) {
      const from = b * binSteps;
      const to = Math.min(steps, from + binSteps);
      const e = this.countsE[b];
      const i = this.countsI[b];
      const seconds = ((to - from) * dt) / 1000;
      E[b] = nE > 0 ? e / nE / seconds : 0;
      I[b] = n - nE > 0 ? i / (n - nE) / seconds : 0;
      all[b] = (e + i) / n / seconds;
    }
    let vTraces: RecorderOutput['vTraces'] = null;
    if (this.traces) {
      const k = this.traceIds.length;
      const vMv = new Float32Array(k * steps);
      for (let r = 0; r < k; r++)
        vMv.set(this.traces.subarray(r * this.stepsPlanned, r * this.stepsPlanned + steps), r * steps);
      vTraces = { neuron: this.traceIds, vMv };
    }
    return { spikes, countE, countI, rate: { binMs: binSteps * dt, E, I, all }, vTraces };
  }
}
