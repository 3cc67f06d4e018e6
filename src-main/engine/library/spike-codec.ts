// Lossless compression of spike trains: per-neuron delta-coded step indices with Golomb-Rice codes (~1.5 B/spike).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PopulationRange, SpikeRecord } from '../../../src-shared/model/spikes';

/**
 * Why Rice codes: inter-spike intervals of irregular firing are close to geometric, for which a Rice code with the
 * right parameter is within a few percent of the entropy; one parameter per neuron adapts to its rate.
 */
const MODE_STEPS = 0;
/** Fallback when times are not exact multiples of dt: neuron varints + raw float64 times (still lossless). */
const MODE_RAW = 1;
/**
 * Per-neuron delta varints compressed by raw deflate: wins on regular or bursty trains (repeated intervals) where
 * Rice codes cannot exploit repetition; the encoder keeps whichever of the two is smaller.
 */
const MODE_STEPS_DEFLATE = 2;
/** Quotients at or above this escape to a raw 32-bit value, bounding the unary part. */
const RICE_ESCAPE = 32;

class ByteWriter {
  buf = new Uint8Array(1024);
  len = 0;
  ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(x: number) {
    if (!(x >= 0) || !Number.isInteger(x)) throw new Error(`varint of ${x}`);
    while (x >= 128) {
      this.byte((x % 128) | 128);
      x = Math.floor(x / 128);
    }
    this.byte(x);
  }
  f64(x: number) {
    this.ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 8).setFloat64(0, x, true);
    this.len += 8;
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

class ByteReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.buf.length) throw new Error('spike data truncated');
    return this.buf[this.pos++];
  }
  varint(): number {
    let x = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      x += (b & 127) * mul;
      if (b < 128) return x;
      mul *= 128;
    }
  }
  f64(): number {
    if (this.pos + 8 > this.buf.length) throw new Error('spike data truncated');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new Error('spike data truncated');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

class BitWriter {
  out = new ByteWriter();
  cur = 0;
  nBits = 0;
  bit(b: number) {
    this.cur = (this.cur << 1) | b;
    if (++this.nBits === 8) {
      this.out.byte(this.cur);
      this.cur = 0;
      this.nBits = 0;
    }
  }
  /** Writes the low `n` bits of x (n ≤ 32), most significant first. */
  bits(x: number, n: number) {
    for (let i = n - 1; i >= 0; i--) this.bit(Math.floor(x / 2 ** i) & 1);
  }
  ones(n: number) {
    for (let i = 0; i < n; i++) this.bit(1);
  }
  finish(): Uint8Array {
    while (this.nBits) this.bit(0);
    return this.out.result();
  }
}

class BitReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  bit(): number {
    const byte = this.pos >>> 3;
    if (byte >= this.buf.length) throw new Error('spike bitstream truncated');
    const b = (this.buf[byte] >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return b;
  }
  bits(n: number): number {
    let x = 0;
    for (let i = 0; i < n; i++) x = x * 2 + this.bit();
    return x;
  }
}

function eliasGamma(w: BitWriter, x: number) {
  const n = Math.floor(Math.log2(x));
  for (let i = 0; i < n; i++) w.bit(0);
  w.bits(x, n + 1);
}

function readEliasGamma(r: BitReader): number {
  let n = 0;
  while (r.bit() === 0) n++;
  return 2 ** n + r.bits(n);
}

/** Best Rice parameter for the deltas (exact cost minimum over k). */
function bestRiceK(deltas: Float64Array, from: number, to: number): number {
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k < 32; k++) {
    let cost = 0;
    const div = 2 ** k;
    for (let i = from; i < to; i++) {
      const q = Math.floor(deltas[i] / div);
      cost += q < RICE_ESCAPE ? q + 1 + k : RICE_ESCAPE + 32;
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    } else if (cost > bestCost) break; // cost is convex in k
  }
  return best;
}

function writeHeader(w: ByteWriter, spikes: SpikeRecord) {
  w.varint(spikes.nNeurons);
  w.f64(spikes.durationMs);
  w.varint(spikes.populations.length);
  const enc = new TextEncoder();
  for (const p of spikes.populations) {
    const name = enc.encode(p.name);
    w.varint(name.length);
    w.bytes(name);
    w.varint(p.start);
    w.varint(p.count);
  }
  if (spikes.sourceIds) {
    w.varint(1);
    let prev = 0;
    // Subsets are stored ascending; a non-ascending list is stored as zig-zag deltas.
    for (const id of spikes.sourceIds) {
      const d = id - prev;
      w.varint(d >= 0 ? 2 * d : -2 * d - 1);
      prev = id;
    }
  } else w.varint(0);
}

function readHeader(r: ByteReader) {
  const nNeurons = r.varint();
  const durationMs = r.f64();
  const nPops = r.varint();
  const dec = new TextDecoder();
  const populations: PopulationRange[] = [];
  for (let i = 0; i < nPops; i++) {
    const name = dec.decode(r.bytes(r.varint()));
    populations.push({ name, start: r.varint(), count: r.varint() });
  }
  let sourceIds: Uint32Array | undefined;
  if (r.varint()) {
    sourceIds = new Uint32Array(nNeurons);
    let prev = 0;
    for (let i = 0; i < nNeurons; i++) {
      const z = r.varint();
      prev += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      sourceIds[i] = prev;
    }
  }
  return { nNeurons, durationMs, populations, sourceIds };
}

/**
 * Encodes one run's spikes. With `dtMs`, times that are exact multiples `step * dtMs` are stored as steps
 * (Rice-coded per-neuron intervals); otherwise the raw mode keeps float64 times. Decoding is bit-exact either way.
 */
export function encodeSpikes(spikes: SpikeRecord, dtMs?: number): Uint8Array {
  const n = spikes.neuron.length;
  const w = new ByteWriter();
  const steps = dtMs && dtMs > 0 ? exactSteps(spikes.timeMs, dtMs) : null;
  w.byte(steps ? MODE_STEPS : MODE_RAW);
  writeHeader(w, spikes);
  if (!steps) {
    w.varint(n);
    for (let i = 0; i < n; i++) w.varint(spikes.neuron[i]);
    for (let i = 0; i < n; i++) w.f64(spikes.timeMs[i]);
    return w.result();
  }
  w.f64(dtMs!);
  // Counting sort by neuron; stable, so each neuron's steps stay in time order.
  const counts = new Uint32Array(spikes.nNeurons + 1);
  for (let i = 0; i < n; i++) {
    if (spikes.neuron[i] >= spikes.nNeurons)
      throw new Error(`spike neuron ${spikes.neuron[i]} ≥ nNeurons ${spikes.nNeurons}`);
    counts[spikes.neuron[i] + 1]++;
  }
  for (let k = 0; k < spikes.nNeurons; k++) counts[k + 1] += counts[k];
  const deltas = new Float64Array(n);
  const fill = counts.slice(0, spikes.nNeurons);
  for (let i = 0; i < n; i++) deltas[fill[spikes.neuron[i]]++] = steps[i];
  const bw = new BitWriter();
  for (let k = 0; k < spikes.nNeurons; k++) {
    const from = counts[k];
    const to = counts[k + 1];
    eliasGamma(bw, to - from + 1);
    if (to === from) continue;
    for (let i = to - 1; i > from; i--) deltas[i] -= deltas[i - 1];
    const rk = bestRiceK(deltas, from, to);
    bw.bits(rk, 5);
    const div = 2 ** rk;
    for (let i = from; i < to; i++) {
      const q = Math.floor(deltas[i] / div);
      if (q < RICE_ESCAPE) {
        bw.ones(q);
        bw.bit(0);
        bw.bits(deltas[i] - q * div, rk);
      } else {
        bw.ones(RICE_ESCAPE);
        bw.bits(deltas[i], 32);
      }
    }
  }
  const rice = bw.finish();
  // The deflate alternative over the same per-neuron deltas (counts first, then intervals).
  const vw = new ByteWriter();
  for (let k = 0; k < spikes.nNeurons; k++) vw.varint(counts[k + 1] - counts[k]);
  for (let i = 0; i < n; i++) vw.varint(deltas[i]);
  const deflated = deflateRawSync(vw.result(), { level: 9 });
  if (deflated.length < rice.length) {
    w.buf[0] = MODE_STEPS_DEFLATE;
    w.bytes(deflated);
  } else w.bytes(rice);
  return w.result();
}

/** Step indices when every time is exactly step * dtMs (bitwise) and non-negative below 2^32; else null. */
function exactSteps(timeMs: Float64Array, dtMs: number): Float64Array | null {
  const steps = new Float64Array(timeMs.length);
  for (let i = 0; i < timeMs.length; i++) {
    const s = Math.round(timeMs[i] / dtMs);
    if (s < 0 || s >= 2 ** 32 || s * dtMs !== timeMs[i]) return null;
    steps[i] = s;
  }
  return steps;
}

/** Decodes `encodeSpikes` output back to a SpikeRecord (sorted by time, ties by neuron). */
export function decodeSpikes(data: Uint8Array): SpikeRecord {
  const r = new ByteReader(data);
  const mode = r.byte();
  const head = readHeader(r);
  const base = { nNeurons: head.nNeurons, durationMs: head.durationMs, populations: head.populations };
  const withIds = (rec: SpikeRecord): SpikeRecord => (head.sourceIds ? { ...rec, sourceIds: head.sourceIds } : rec);
  if (mode === MODE_RAW) {
    const n = r.varint();
    const neuron = new Uint32Array(n);
    for (let i = 0; i < n; i++) neuron[i] = r.varint();
    const timeMs = new Float64Array(n);
    for (let i = 0; i < n; i++) timeMs[i] = r.f64();
    return withIds({ neuron, timeMs, ...base });
  }
  if (mode !== MODE_STEPS && mode !== MODE_STEPS_DEFLATE) throw new Error(`unknown spike encoding mode ${mode}`);
  const dtMs = r.f64();
  const stepsOut: number[] = [];
  const neuronsOut: number[] = [];
  if (mode === MODE_STEPS_DEFLATE) {
    const vr = new ByteReader(inflateRawSync(data.subarray(r.pos)));
    const counts = Array.from({ length: head.nNeurons }, () => vr.varint());
    counts.forEach((count, k) => {
      let step = 0;
      for (let i = 0; i < count; i++) {
        step += vr.varint();
        stepsOut.push(step);
        neuronsOut.push(k);
      }
    });
  }
  const br = new BitReader(data.subarray(r.pos));
  for (let k = 0; k < (mode === MODE_STEPS ? head.nNeurons : 0); k++) {
    const count = readEliasGamma(br) - 1;
    if (!count) continue;
    const rk = br.bits(5);
    const div = 2 ** rk;
    let step = 0;
    for (let i = 0; i < count; i++) {
      let q = 0;
      while (q < RICE_ESCAPE && br.bit() === 1) q++;
      step += q < RICE_ESCAPE ? q * div + br.bits(rk) : br.bits(32);
      stepsOut.push(step);
      neuronsOut.push(k);
    }
  }
  const n = stepsOut.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => stepsOut[a] - stepsOut[b] || neuronsOut[a] - neuronsOut[b]);
  const neuron = new Uint32Array(n);
  const timeMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    neuron[i] = neuronsOut[order[i]];
    timeMs[i] = stepsOut[order[i]] * dtMs;
  }
  return withIds({ neuron, timeMs, ...base });
}

/** Concatenates encoded runs into one shard file: magic, version, count, offsets, blobs. */
export function packSpikeShard(blobs: Uint8Array[]): Uint8Array {
  const headerBytes = 12 + 4 * (blobs.length + 1);
  const total = headerBytes + blobs.reduce((s, b) => s + b.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x4c, 0x44, 0x53, 0x50]); // 'LDSP'
  view.setUint32(4, 1, true);
  view.setUint32(8, blobs.length, true);
  let off = headerBytes;
  blobs.forEach((b, i) => {
    view.setUint32(12 + 4 * i, off, true);
    out.set(b, off);
    off += b.length;
  });
  view.setUint32(12 + 4 * blobs.length, off, true);
  return out;
}

/** The encoded blob of run `k` (position within the shard) from a packed shard file. */
export function spikeBlobAt(shard: Uint8Array, k: number): Uint8Array {
  const view = new DataView(shard.buffer, shard.byteOffset, shard.byteLength);
  if (shard.length < 12 || view.getUint32(0, false) !== 0x4c445350) throw new Error('not a lodyn spike shard');
  const n = view.getUint32(8, true);
  if (k < 0 || k >= n) throw new Error(`run position ${k} out of range [0, ${n})`);
  const from = view.getUint32(12 + 4 * k, true);
  const to = view.getUint32(12 + 4 * (k + 1), true);
  if (to > shard.length || from > to) throw new Error('spike shard offsets corrupt');
  return shard.subarray(from, to);
}

export function spikeShardCount(shard: Uint8Array): number {
  return new DataView(shard.buffer, shard.byteOffset, shard.byteLength).getUint32(8, true);
}
