// Statistics for the simulator accuracy tests: mean ISI CV of a spike record (as the exported Brian2 script computes
// it) and Welch's unequal-variance t-test with its two-sided p-value.
import type { SpikeRecord } from '../../src-shared/model/spikes';

/** Mean over neurons with ≥ 3 spikes of std(ISI)/mean(ISI) (population std), per population. */
export function meanIsiCv(spikes: SpikeRecord): { E: number; I: number } {
  const last = new Float64Array(spikes.nNeurons).fill(NaN);
  const n = new Uint32Array(spikes.nNeurons);
  const sum = new Float64Array(spikes.nNeurons);
  const sum2 = new Float64Array(spikes.nNeurons);
  for (let s = 0; s < spikes.neuron.length; s++) {
    const i = spikes.neuron[s];
    const t = spikes.timeMs[s];
    if (!Number.isNaN(last[i])) {
      const isi = t - last[i];
      n[i]++;
      sum[i] += isi;
      sum2[i] += isi * isi;
    }
    last[i] = t;
  }
  const out = { E: NaN, I: NaN };
  for (const pop of spikes.populations) {
    let acc = 0;
    let count = 0;
    for (let i = pop.start; i < pop.start + pop.count; i++) {
      if (n[i] < 2) continue;
      const mean = sum[i] / n[i];
      const variance = Math.max(0, sum2[i] / n[i] - mean * mean);
      acc += Math.sqrt(variance) / mean;
      count++;
    }
    out[pop.name as 'E' | 'I'] = count ? acc / count : NaN;
  }
  return out;
}

export interface WelchResult {
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  meanA: number;
  meanB: number;
  sdA: number;
  sdB: number;
}

export function welchT(a: number[], b: number[]): WelchResult {
  const stats = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const v = x.reduce((s, y) => s + (y - m) ** 2, 0) / (x.length - 1);
    return { m, v };
  };
  const A = stats(a);
  const B = stats(b);
  const sa = A.v / a.length;
  const sb = B.v / b.length;
  const se = Math.sqrt(sa + sb);
  const t = se === 0 ? (A.m === B.m ? 0 : Infinity) : (A.m - B.m) / se;
  const df = (sa + sb) ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  const p = Number.isFinite(t) ? studentTwoSidedP(t, df) : 0;
  return {
    t,
    df: Number.isFinite(df) ? df : a.length + b.length - 2,
    p,
    meanA: A.m,
    meanB: B.m,
    sdA: Math.sqrt(A.v),
    sdB: Math.sqrt(B.v),
  };
}

/** P(|T| > |t|) for Student's t with df degrees of freedom = I_{df/(df+t²)}(df/2, 1/2). */
function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(df) || df <= 0) return t === 0 ? 1 : 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes betacf). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (front * f) / a;
}
