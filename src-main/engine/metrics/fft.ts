// Fourier transforms for the spectral metrics: in-place radix-2 FFT, and Bluestein's algorithm for exact lengths.

/** In-place iterative radix-2 FFT of (re, im); length must be a power of two. */
export function fftRadix2(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (n & (n - 1)) throw new Error(`fftRadix2: length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

/**
 * Magnitudes |X_k| for k = 0 … floor(n/2) of the DFT of a real signal of any length n: radix-2 for 2^m, mixed radix
 * when n's prime factors are all ≤ 13 (window lengths are usually round), Bluestein otherwise.
 */
export function realDftMagnitudes(x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(Math.floor(n / 2) + 1);
  if (n === 0) return out;
  if ((n & (n - 1)) === 0) {
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    fftRadix2(re, im);
    for (let k = 0; k < out.length; k++) out[k] = Math.hypot(re[k], im[k]);
    return out;
  }
  const factors = smallFactors(n);
  if (factors) {
    const { re, im } = fftMixedRadix(x, factors);
    for (let k = 0; k < out.length; k++) out[k] = Math.hypot(re[k], im[k]);
    return out;
  }
  const { m, wr, wi, br, bi } = bluesteinChirp(n);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    ar[j] = x[j] * wr[j];
    ai[j] = x[j] * wi[j];
  }
  fftRadix2(ar, ai);
  for (let j = 0; j < m; j++) {
    const r = ar[j] * br[j] - ai[j] * bi[j];
    ai[j] = ar[j] * bi[j] + ai[j] * br[j];
    ar[j] = r;
  }
  // Inverse FFT via conjugation: ifft(z) = conj(fft(conj(z)))/m.
  for (let j = 0; j < m; j++) ai[j] = -ai[j];
  fftRadix2(ar, ai);
  for (let k = 0; k < out.length; k++) {
    const cr = ar[k] / m;
    const ci = -ai[k] / m;
    // |w_k · c_k| = |c_k| since |w_k| = 1.
    out[k] = Math.hypot(cr, ci);
  }
  return out;
}

interface Chirp {
  m: number;
  wr: Float64Array;
  wi: Float64Array;
  /** FFT of the conjugate chirp, length m. */
  br: Float64Array;
  bi: Float64Array;
}

// Runs of one library share the window length, so the chirp and its transform are computed once per length.
const chirps = new Map<number, Chirp>();

function bluesteinChirp(n: number): Chirp {
  const hit = chirps.get(n);
  if (hit) return hit;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  // Chirp w_j = exp(-iπ j²/n); j² is reduced mod 2n so the angle stays exact for long signals.
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const ang = (-Math.PI * ((j * j) % (2 * n))) / n;
    wr[j] = Math.cos(ang);
    wi[j] = Math.sin(ang);
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0];
  bi[0] = -wi[0];
  for (let j = 1; j < n; j++) {
    br[j] = br[m - j] = wr[j];
    bi[j] = bi[m - j] = -wi[j];
  }
  fftRadix2(br, bi);
  const chirp = { m, wr, wi, br, bi };
  if (chirps.size > 16) chirps.clear();
  chirps.set(n, chirp);
  return chirp;
}

/** The prime factors of n (ascending) when all are ≤ 13, else null. */
function smallFactors(n: number): number[] | null {
  const out: number[] = [];
  let r = n;
  for (const p of [2, 3, 5, 7, 11, 13]) {
    while (r % p === 0) {
      out.push(p);
      r /= p;
    }
  }
  return r === 1 ? out : null;
}

// Twiddle tables exp(−2πi j/n), one per length, shared by the runs of a library.
const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddleTable(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddles.get(n);
  if (!t) {
    t = { cos: new Float64Array(n), sin: new Float64Array(n) };
    for (let j = 0; j < n; j++) {
      t.cos[j] = Math.cos((-2 * Math.PI * j) / n);
      t.sin[j] = Math.sin((-2 * Math.PI * j) / n);
    }
    if (twiddles.size > 16) twiddles.clear();
    twiddles.set(n, t);
  }
  return t;
}

/** A mixed-radix plan: where each input sample lands before the stages, and the radix-p index tables. */
interface MixedPlan {
  /** perm[i]: the input index the recursion's leaf i reads. Shape [n]. */
  perm: Uint32Array;
  /** Per radix p: ((q·r) mod p)·(n/p) at [r·p + q]. */
  inner: Map<number, Uint32Array>;
}

const mixedPlans = new Map<number, MixedPlan>();

function mixedPlan(n: number, factors: number[]): MixedPlan {
  const hit = mixedPlans.get(n);
  if (hit) return hit;
  const perm = new Uint32Array(n);
  const leaves = (offset: number, stride: number, size: number, outOff: number, fi: number): void => {
    if (size === 1) {
      perm[outOff] = offset;
      return;
    }
    const p = factors[fi];
    const m = size / p;
    for (let q = 0; q < p; q++) leaves(offset + q * stride, stride * p, m, outOff + q * m, fi + 1);
  };
  leaves(0, 1, n, 0, 0);
  const inner = new Map<number, Uint32Array>();
  for (const p of factors)
    if (!inner.has(p)) {
      const t = new Uint32Array(p * p);
      for (let r = 0; r < p; r++) for (let q = 0; q < p; q++) t[r * p + q] = ((q * r) % p) * (n / p);
      inner.set(p, t);
    }
  const plan = { perm, inner };
  if (mixedPlans.size > 16) mixedPlans.clear();
  mixedPlans.set(n, plan);
  return plan;
}

/**
 * Cooley–Tukey DFT of a real signal for any factorisation: each stage of radix p costs n·p complex multiply-adds,
 * so n = 2^3·5^2·7^2 = 9800 needs ~31 n instead of Bluestein's three 32768-point FFTs. Runs the stages of the
 * recursive decimation-in-time form bottom-up with a cached plan (same operations in the same order per output).
 */
function fftMixedRadix(x: Float64Array, factors: number[]): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const { cos, sin } = twiddleTable(n);
  const { perm, inner } = mixedPlan(n, factors);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = x[perm[i]];
  const maxP = Math.max(...factors);
  const tr = new Float64Array(maxP);
  const ti = new Float64Array(maxP);
  const wc = new Float64Array(maxP * maxP);
  const ws = new Float64Array(maxP * maxP);
  // Stage fi combines p = factors[fi] sub-transforms of length m into blocks of length size, n/size blocks.
  let size = 1;
  for (let fi = factors.length - 1; fi >= 0; fi--) {
    const p = factors[fi];
    const m = size;
    size *= p;
    const scale = n / size;
    const tab = inner.get(p)!;
    // The p×p inner twiddles, gathered once per stage (same constants, one load each instead of two).
    for (let i = 0; i < p * p; i++) {
      wc[i] = cos[tab[i]];
      ws[i] = sin[tab[i]];
    }
    for (let outOff = 0; outOff < n; outOff += size) {
      // Sub-transform q holds Y_q[k] at outOff + q·m + k; X[k + r·m] = Σ_q W_size^{q(k + r·m)} Y_q[k].
      for (let k = 0; k < m; k++) {
        // q·k·scale < q·n/p < n, so the twiddle index needs no reduction.
        for (let q = 0, j = 0; q < p; q++, j += k * scale) {
          const yr = re[outOff + q * m + k];
          const yi = im[outOff + q * m + k];
          tr[q] = yr * cos[j] - yi * sin[j];
          ti[q] = yr * sin[j] + yi * cos[j];
        }
        for (let r = 0; r < p; r++) {
          let sr = 0;
          let si = 0;
          for (let q = 0, j = r * p; q < p; q++, j++) {
            sr += tr[q] * wc[j] - ti[q] * ws[j];
            si += tr[q] * ws[j] + ti[q] * wc[j];
          }
          re[outOff + k + r * m] = sr;
          im[outOff + k + r * m] = si;
        }
      }
    }
  }
  return { re, im };
}
