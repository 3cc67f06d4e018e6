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

/** Magnitudes |X_k| for k = 0 … floor(n/2) of the DFT of a real signal of any length n (Bluestein when n is not 2^m). */
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
