// exp and log in plain IEEE arithmetic (fdlibm's algorithms), so simulation results are bit-identical on every engine and CPU.
//
// Why: ECMAScript leaves Math.exp/Math.log implementation-defined; V8 ships fdlibm ports compiled by C++ compilers
// that may fuse multiply-adds on arm64. JS +, -, *, / and Math.sqrt/Math.round are exactly rounded everywhere, so
// functions built only from them give the same bits on x86-64, arm64, Node and Electron. Accuracy: < 1 ulp.

// 2^k for k in [-1074, 1023], built by exact doubling/halving.
const POW2_OFFSET = 1074;
const POW2 = new Float64Array(1074 + 1024);
{
  let v = 1;
  for (let k = 0; k <= 1023; k++, v *= 2) POW2[POW2_OFFSET + k] = v;
  v = 1;
  for (let k = 0; k >= -1074; k--, v /= 2) POW2[POW2_OFFSET + k] = v;
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x, deterministic across platforms (fdlibm e_exp.c in JS arithmetic). */
export function detExp(x: number): number {
  if (x > -0.34 && x < 0.34) {
    // |x| < ln2/2: k = 0, so the general path's hi = x, lo = 0, r = x and 2^k = 1 exactly; same bits, fewer steps.
    // The kernels' per-step decays (−g_tot·dt/τ_m and the like) land here.
    const t = x * x;
    const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return 1 - (0 - (x * c) / (2 - c) - x);
  }
  // NaN, overflow, underflow and subnormal results leave the fast path (they never occur in the kernels' hot loops).
  if (!(x > -708 && x < 709)) return detExpEdge(x);
  const kf = x * INV_LN2;
  // Round half away from zero; any deterministic rounding works since |r| ≤ ln2/2 + ε either way.
  const k = (kf < 0 ? kf - 0.5 : kf + 0.5) | 0;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * POW2[POW2_OFFSET + k];
}

function detExpEdge(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019411) return 0;
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Two factors keep 2^k representable at the extremes (k = 1024, or subnormal results).
  const k1 = Math.trunc(k / 2);
  return y * POW2[POW2_OFFSET + k1] * POW2[POW2_OFFSET + (k - k1)];
}

const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const SQRT2 = 1.4142135623730951;

// One double and its two 32-bit words (typed arrays are faster than a DataView in V8). Which word holds the sign and
// exponent depends on the platform's byte order, found here once (Node's and Electron's platforms are little-endian).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HI = (() => {
  bits[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();

/** Natural log, deterministic across platforms (fdlibm e_log.c in JS arithmetic). */
export function detLog(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range
    k = -54;
  }
  bits[0] = x;
  const hiWord = words[HI];
  k += (hiWord >>> 20) - 1023;
  // Mantissa in [1, 2): keep the low word, set the exponent to 0.
  words[HI] = (hiWord & 0x000fffff) | 0x3ff00000;
  let m = bits[0];
  if (m > SQRT2) {
    m /= 2;
    k += 1;
  }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}
