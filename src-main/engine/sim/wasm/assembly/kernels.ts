// Simulator hot loops in AssemblyScript, compiled to WebAssembly with 128-bit SIMD (two f64 lanes per instruction).
//
// Bit-identical to the TypeScript kernels in ../../neuron-models.ts and ../../run-simulation.ts: the same IEEE-754
// operations in the same order on every lane (wasm has no implicit fused multiply-add, and its f64 +, −, ×, ÷ are
// exactly rounded), the same exp (fdlibm's algorithm, as ../../det-math.ts), the same refractory and threshold
// rules. test/unit/main/engine/sim/wasm-kernels.test.ts checks the identity on whole runs.
//
// Memory is imported: the host allocates the state arrays (8-byte aligned) and passes byte offsets. Spikes are rare
// per neuron and step, so threshold crossings leave the vector path and are written one by one, in neuron order.
//
// Build: `npm run build:wasm` (asc, then ../sim-kernels-wasm.ts embeds the bytes as base64).

// exp's rare edge lanes (|x| ≥ 708, NaN) call back into the host's detExp, so they share its bits too.
@external('env', 'detExp')
declare function hostDetExp(x: f64): f64;

const LN2_HI: f64 = 6.9314718036912381649e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.442695040888963387;
const P1: f64 = 1.66666666666666019037e-1;
const P2: f64 = -2.77777777770155933842e-3;
const P3: f64 = 6.61375632143793436117e-5;
const P4: f64 = -1.6533902205465251539e-6;
const P5: f64 = 4.13813679705723846039e-8;

/** e^x for x in (−708, 709): fdlibm e_exp.c as ../../det-math.ts computes it; the host handles the rest. */
// @ts-ignore: decorator
@inline
function expScalar(x: f64): f64 {
  if (!(x > -708 && x < 709)) return hostDetExp(x);
  const kf = x * INV_LN2;
  const k = trunc<f64>(kf < 0 ? kf - 0.5 : kf + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * reinterpret<f64>((<i64>k + 1023) << 52);
}

// The vector constants of expLanes, read from memory once per call of a step function. (As v128.const immediates
// inside the loop, V8 rebuilds each one on every iteration: three instructions apiece, 3× the loop's cost.)
// The last two: 1, and 2^52 + 1023 (adding it to an integer-valued k puts k + 1023 in the low bits of the double).
const EXP_CONSTANTS = memory.data<f64>([
  INV_LN2, 0.5, LN2_HI, LN2_LO, P1, P2, P3, P4, P5, 708, -0.0, 1, 4503599627371519.0, 0.34, 2,
]);
// i32 lanes: 1 (the refractory count-down).
const INT_CONSTANTS = memory.data<i32>([1]);

/** Splat of INT_CONSTANTS[index] over i32x4, loaded (see expConstant). */
// @ts-ignore: decorator
@inline
function intConstant(index: i32): v128 {
  return v128.load32_splat(INT_CONSTANTS + (<usize>index << 2));
}

/** Splat of EXP_CONSTANTS[index]: a load, so the optimiser cannot turn it back into an immediate. */
// @ts-ignore: decorator
@inline
function expConstant(index: i32): v128 {
  return v128.load64_splat(EXP_CONSTANTS + (<usize>index << 3));
}

/**
 * e^x on both lanes, as expScalar, for the lanes where `expInRange` holds; the caller recomputes the others with
 * expScalar (|x| in [708, 709) too: the same bits either way, one comparison fewer). The constants come in as
 * arguments, loaded once per call.
 */
// @ts-ignore: decorator
@inline
function expLanes(
  x: v128,
  invLn2: v128,
  half: v128,
  ln2Hi: v128,
  ln2Lo: v128,
  p1: v128,
  p2: v128,
  p3: v128,
  p4: v128,
  p5: v128,
  signBit: v128,
  bias: v128,
): v128 {
  const kf = f64x2.mul(x, invLn2);
  // Round half away from zero: trunc(kf ± 0.5), the sign taken from kf by a bit operation.
  const signedHalf = v128.or(half, v128.and(kf, signBit));
  const k = f64x2.trunc(f64x2.add(kf, signedHalf));
  const hi = f64x2.sub(x, f64x2.mul(k, ln2Hi));
  const lo = f64x2.mul(k, ln2Lo);
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(p4, f64x2.mul(t, p5));
  p = f64x2.add(p3, f64x2.mul(t, p));
  p = f64x2.add(p2, f64x2.mul(t, p));
  p = f64x2.add(p1, f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const one = f64x2.add(half, half);
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.add(one, one), c));
  const y = f64x2.sub(one, f64x2.sub(f64x2.sub(lo, q), hi));
  // 2^k from its bits: k is an integer in [−1022, 1023] on the lanes kept, so k + 2^52 + 1023 is exact and its low
  // 52 bits hold k + 1023; shifting them into the exponent field gives 2^k. (Converting k to i64 lanes instead, with
  // i32x4.trunc_sat_f64x2_s_zero, took two-thirds of this function's time in V8.)
  return f64x2.mul(y, i64x2.shl(f64x2.add(k, bias), 52));
}


/**
 * expLanes on two vectors at once, statements interleaved, results stored at `out` and `out + 16`: two independent
 * dependency chains give the CPU work to overlap (15% faster than one vector per iteration, measured).
 */
// @ts-ignore: decorator
@inline
function exp2Lanes(
  xa: v128,
  xb: v128,
  out: usize,
  invLn2: v128,
  half: v128,
  ln2Hi: v128,
  ln2Lo: v128,
  p1: v128,
  p2: v128,
  p3: v128,
  p4: v128,
  p5: v128,
  signBit: v128,
  bias: v128,
): void {
  const kfa = f64x2.mul(xa, invLn2);
  const kfb = f64x2.mul(xb, invLn2);
  const ka = f64x2.trunc(f64x2.add(kfa, v128.or(half, v128.and(kfa, signBit))));
  const kb = f64x2.trunc(f64x2.add(kfb, v128.or(half, v128.and(kfb, signBit))));
  const hia = f64x2.sub(xa, f64x2.mul(ka, ln2Hi));
  const hib = f64x2.sub(xb, f64x2.mul(kb, ln2Hi));
  const loa = f64x2.mul(ka, ln2Lo);
  const lob = f64x2.mul(kb, ln2Lo);
  const ra = f64x2.sub(hia, loa);
  const rb = f64x2.sub(hib, lob);
  const ta = f64x2.mul(ra, ra);
  const tb = f64x2.mul(rb, rb);
  let pa = f64x2.add(p4, f64x2.mul(ta, p5));
  let pb = f64x2.add(p4, f64x2.mul(tb, p5));
  pa = f64x2.add(p3, f64x2.mul(ta, pa));
  pb = f64x2.add(p3, f64x2.mul(tb, pb));
  pa = f64x2.add(p2, f64x2.mul(ta, pa));
  pb = f64x2.add(p2, f64x2.mul(tb, pb));
  pa = f64x2.add(p1, f64x2.mul(ta, pa));
  pb = f64x2.add(p1, f64x2.mul(tb, pb));
  const ca = f64x2.sub(ra, f64x2.mul(ta, pa));
  const cb = f64x2.sub(rb, f64x2.mul(tb, pb));
  const one = f64x2.add(half, half);
  const two = f64x2.add(one, one);
  const qa = f64x2.div(f64x2.mul(ra, ca), f64x2.sub(two, ca));
  const qb = f64x2.div(f64x2.mul(rb, cb), f64x2.sub(two, cb));
  const ya = f64x2.sub(one, f64x2.sub(f64x2.sub(loa, qa), hia));
  const yb = f64x2.sub(one, f64x2.sub(f64x2.sub(lob, qb), hib));
  v128.store(out, f64x2.mul(ya, i64x2.shl(f64x2.add(ka, bias), 52)));
  v128.store(out, f64x2.mul(yb, i64x2.shl(f64x2.add(kb, bias), 52)), 16);
}

/**
 * expLanes for lanes that both have |x| < 0.34 (k = 0): the reduction is exact (hi = x, lo = 0) and 2^k = 1, so
 * these steps give the general path's bits (and detExp's fast path's), with a third of the operations left out.
 */
// @ts-ignore: decorator
@inline
function expLanesSmall(x: v128, one: v128, two: v128, p1: v128, p2: v128, p3: v128, p4: v128, p5: v128): v128 {
  const t = f64x2.mul(x, x);
  let p = f64x2.add(p4, f64x2.mul(t, p5));
  p = f64x2.add(p3, f64x2.mul(t, p));
  p = f64x2.add(p2, f64x2.mul(t, p));
  p = f64x2.add(p1, f64x2.mul(t, p));
  const c = f64x2.sub(x, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(x, c), f64x2.sub(two, c));
  return f64x2.sub(one, f64x2.sub(f64x2.sub(f64x2.sub(one, one), q), x));
}

/** Whether both lanes of `x` have |x| < `small` (0.34), where expLanesSmall applies (false for NaN). */
// @ts-ignore: decorator
@inline
function bothSmall(x: v128, small: v128): bool {
  return i64x2.bitmask(f64x2.lt(f64x2.abs(x), small)) == 3;
}

/** Lanes of `x` that expLanes computes: |x| < 708 (false for NaN), as an i64x2 mask. */
// @ts-ignore: decorator
@inline
function expInRange(x: v128, maxAbs: v128): v128 {
  return f64x2.lt(f64x2.abs(x), maxAbs);
}

/** `e` = expLanes(x) with the lanes where |x| ≥ 708 or NaN recomputed by expScalar (the host's detExp). */
// @ts-ignore: decorator
@inline
function fixOutOfRange(e: v128, x: v128, maxAbs: v128): v128 {
  if (i64x2.bitmask(expInRange(x, maxAbs)) != 3) {
    e = f64x2.replace_lane(e, 0, expScalar(f64x2.extract_lane(x, 0)));
    e = f64x2.replace_lane(e, 1, expScalar(f64x2.extract_lane(x, 1)));
  }
  return e;
}

/**
 * Threshold crossings of pair (i, i + 1) of a LIF population, lane k spiking when bit k of `bits` is set: V ← reset,
 * refractory counter ← refSteps, id appended to `out` after `count` (in neuron order). Returns the new count.
 */
// @ts-ignore: decorator
@inline
function resetLif(bits: i32, i: i32, v: usize, refr: usize, out: usize, count: i32, vResetMv: f64, refSteps: i32): i32 {
  for (let lane = 0; lane < 2; lane++) {
    if ((bits >> lane) & 1) {
      const j = i + lane;
      store<f64>(v + ((<usize>j) << 3), vResetMv);
      store<i32>(refr + ((<usize>j) << 2), refSteps);
      store<i32>(out + ((<usize>count) << 2), j);
      count++;
    }
  }
  return count;
}

/** Scalar detExp, exported so tests can compare it with the host's bit for bit. */
export function detExp(x: f64): f64 {
  return expScalar(x);
}

/** Both lanes of `x` through expLanes, for tests: returns lane 0, writes lane 1 to `lane1Out`. */
export function detExpPair(x0: f64, x1: f64, lane1Out: usize): f64 {
  const x = f64x2.replace_lane(f64x2.splat(x0), 1, x1);
  let e = expLanes(
    x,
    expConstant(0),
    expConstant(1),
    expConstant(2),
    expConstant(3),
    expConstant(4),
    expConstant(5),
    expConstant(6),
    expConstant(7),
    expConstant(8),
    expConstant(10),
    expConstant(12),
  );
  e = fixOutOfRange(e, x, expConstant(9));
  store<f64>(lane1Out, f64x2.extract_lane(e, 1));
  return f64x2.extract_lane(e, 0);
}

/**
 * Refractory counters of neurons i, i+1 (i32 at `refr`): counts down, stores, and returns the lanes still to
 * update (counter now 0) as an i64x2 mask.
 */
// @ts-ignore: decorator
@inline
function countDown(refr: usize, one: v128): v128 {
  const zero = i32x4.splat(0);
  const r = i32x4.max_s(i32x4.sub(v128.load64_zero(refr), one), zero);
  v128.store64_lane(refr, r, 0);
  return i64x2.extend_low_i32x4_s(i32x4.eq(r, zero));
}

/**
 * COBA LIF, neurons [from, to) of one population: exponential Euler for V with g_e, g_i frozen, exact decay of g;
 * threshold and reset. Appends spiking ids (i32 at `out`) after `count` and returns the new count. Same as
 * `cobaStep` in ../../neuron-models.ts. Arrays: f64 `v`, `exc`, `inh`, `scratch` (the per-step decay factors); i32
 * `refr`.
 *
 * Two passes over the pairs: the decays e^{−g_tot·dt/τ_m} first, then V. Each loop keeps its constants in registers
 * (one loop needed more than x64's 16 vector registers), which measured 10% faster than one pass.
 */
export function cobaStep(
  from: i32,
  to: i32,
  count: i32,
  v: usize,
  exc: usize,
  inh: usize,
  refr: usize,
  restMv: f64,
  ee: f64,
  ei: f64,
  dtOverTau: f64,
  eExcMv: f64,
  eInhMv: f64,
  vThresholdMv: f64,
  vResetMv: f64,
  refSteps: i32,
  out: usize,
  scratch: usize,
): i32 {
  const one = expConstant(11);
  {
    // −(g·a) = g·(−a) exactly (rounding is symmetric), so the negation moves out of the loop.
    const negDto = f64x2.splat(-dtOverTau);
    const invLn2 = expConstant(0);
    const half = expConstant(1);
    const ln2Hi = expConstant(2);
    const ln2Lo = expConstant(3);
    const p1 = expConstant(4);
    const p2 = expConstant(5);
    const p3 = expConstant(6);
    const p4 = expConstant(7);
    const p5 = expConstant(8);
    const maxAbs = expConstant(9);
    const signBit = expConstant(10);
    const bias = expConstant(12);
    const small = expConstant(13);
    const two = expConstant(14);
    // Out-of-range lanes (absurd conductances) are collected here and fixed after the loop, off the hot path.
    let inRange = v128.not(i64x2.splat(0));
    let i = from;
    for (; i + 3 < to; i += 4) {
      const o8 = (<usize>i) << 3;
      const xa = f64x2.mul(f64x2.add(f64x2.add(one, v128.load(exc + o8)), v128.load(inh + o8)), negDto);
      const xb = f64x2.mul(f64x2.add(f64x2.add(one, v128.load(exc + o8, 16)), v128.load(inh + o8, 16)), negDto);
      // Usual conductances give |x| = g_tot·dt/τ_m < 0.34, where exp needs no range reduction (30% faster runs).
      if (bothSmall(xa, small) && bothSmall(xb, small)) {
        v128.store(scratch + o8, expLanesSmall(xa, one, two, p1, p2, p3, p4, p5));
        v128.store(scratch + o8, expLanesSmall(xb, one, two, p1, p2, p3, p4, p5), 16);
      } else {
        exp2Lanes(xa, xb, scratch + o8, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias);
        inRange = v128.and(inRange, v128.and(expInRange(xa, maxAbs), expInRange(xb, maxAbs)));
      }
    }
    for (; i + 1 < to; i += 2) {
      const o8 = (<usize>i) << 3;
      const gTot = f64x2.add(f64x2.add(one, v128.load(exc + o8)), v128.load(inh + o8));
      const x = f64x2.mul(gTot, negDto);
      v128.store(scratch + o8, expLanes(x, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias));
      inRange = v128.and(inRange, expInRange(x, maxAbs));
    }
    if (i64x2.bitmask(inRange) != 3) {
      const pairsEnd = from + ((to - from) & ~1);
      for (let i = from; i < pairsEnd; i++) {
        const o8 = (<usize>i) << 3;
        const x = (1 + load<f64>(exc + o8) + load<f64>(inh + o8)) * -dtOverTau;
        if (!(Math.abs(x) < 708)) store<f64>(scratch + o8, expScalar(x));
      }
    }
  }
  const rest = f64x2.splat(restMv);
  const eE = f64x2.splat(eExcMv);
  const eI = f64x2.splat(eInhMv);
  const vt = f64x2.splat(vThresholdMv);
  const decayE = f64x2.splat(ee);
  const decayI = f64x2.splat(ei);
  const oneI32 = intConstant(0);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o8 = (<usize>i) << 3;
    const ge = v128.load(exc + o8);
    const gi = v128.load(inh + o8);
    const vOld = v128.load(v + o8);
    const active = countDown(refr + ((<usize>i) << 2), oneI32);
    const gTot = f64x2.add(f64x2.add(one, ge), gi);
    const num = f64x2.add(f64x2.add(rest, f64x2.mul(ge, eE)), f64x2.mul(gi, eI));
    const vInf = f64x2.div(num, gTot);
    const vNew = f64x2.add(vInf, f64x2.mul(f64x2.sub(vOld, vInf), v128.load(scratch + o8)));
    v128.store(v + o8, v128.bitselect(vNew, vOld, active));
    const bits = i64x2.bitmask(v128.and(active, f64x2.gt(vNew, vt)));
    if (bits != 0) count = resetLif(bits, i, v, refr, out, count, vResetMv, refSteps);
    v128.store(exc + o8, f64x2.mul(ge, decayE));
    v128.store(inh + o8, f64x2.mul(gi, decayI));
  }
  for (; i < to; i++) {
    const o8 = (<usize>i) << 3;
    const ge = load<f64>(exc + o8);
    const gi = load<f64>(inh + o8);
    const ro = refr + ((<usize>i) << 2);
    let r = load<i32>(ro);
    if (r > 0) store<i32>(ro, --r);
    if (r == 0) {
      const gTot = 1 + ge + gi;
      const vInf = (restMv + ge * eExcMv + gi * eInhMv) / gTot;
      const vNew = vInf + (load<f64>(v + o8) - vInf) * expScalar(-gTot * dtOverTau);
      if (vNew > vThresholdMv) {
        store<f64>(v + o8, vResetMv);
        store<i32>(ro, refSteps);
        store<i32>(out + ((<usize>count) << 2), i);
        count++;
      } else {
        store<f64>(v + o8, vNew);
      }
    }
    store<f64>(exc + o8, ge * ee);
    store<f64>(inh + o8, gi * ei);
  }
  return count;
}

/**
 * CUBA LIF, neurons [from, to) of one population: exact integration of the linear (V, g_e, g_i) system, threshold
 * and reset. Same contract as `cobaStep`; same as `cubaStep` in ../../neuron-models.ts.
 */
export function cubaStep(
  from: i32,
  to: i32,
  count: i32,
  v: usize,
  exc: usize,
  inh: usize,
  refr: usize,
  vInfMv: f64,
  em: f64,
  ee: f64,
  ei: f64,
  ce: f64,
  ci: f64,
  vThresholdMv: f64,
  vResetMv: f64,
  refSteps: i32,
  out: usize,
): i32 {
  const vInf = f64x2.splat(vInfMv);
  const m = f64x2.splat(em);
  const cE = f64x2.splat(ce);
  const cI = f64x2.splat(ci);
  const vt = f64x2.splat(vThresholdMv);
  const decayE = f64x2.splat(ee);
  const decayI = f64x2.splat(ei);
  const oneI32 = intConstant(0);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o8 = (<usize>i) << 3;
    const ge = v128.load(exc + o8);
    const gi = v128.load(inh + o8);
    const vOld = v128.load(v + o8);
    const active = countDown(refr + ((<usize>i) << 2), oneI32);
    const vNew = f64x2.add(
      f64x2.add(f64x2.add(vInf, f64x2.mul(f64x2.sub(vOld, vInf), m)), f64x2.mul(ge, cE)),
      f64x2.mul(gi, cI),
    );
    v128.store(v + o8, v128.bitselect(vNew, vOld, active));
    const bits = i64x2.bitmask(v128.and(active, f64x2.gt(vNew, vt)));
    if (bits != 0) count = resetLif(bits, i, v, refr, out, count, vResetMv, refSteps);
    v128.store(exc + o8, f64x2.mul(ge, decayE));
    v128.store(inh + o8, f64x2.mul(gi, decayI));
  }
  for (; i < to; i++) {
    const o8 = (<usize>i) << 3;
    const ge = load<f64>(exc + o8);
    const gi = load<f64>(inh + o8);
    const ro = refr + ((<usize>i) << 2);
    let r = load<i32>(ro);
    if (r > 0) store<i32>(ro, --r);
    if (r == 0) {
      const vNew = vInfMv + (load<f64>(v + o8) - vInfMv) * em + ge * ce + gi * ci;
      if (vNew > vThresholdMv) {
        store<f64>(v + o8, vResetMv);
        store<i32>(ro, refSteps);
        store<i32>(out + ((<usize>count) << 2), i);
        count++;
      } else {
        store<f64>(v + o8, vNew);
      }
    }
    store<f64>(exc + o8, ge * ee);
    store<f64>(inh + o8, gi * ei);
  }
  return count;
}

/**
 * Synaptic propagation without delays: each spike adds its CSR row's weights to its targets' exc (source < nE) or
 * inh, and, when `nmda` ≠ 0, weight·nmdaFactor to the targets' NMDA rise variable for E sources. Same order as
 * `propagateNow` in ../../run-simulation.ts. Arrays: i32 `spiked`, u32 `rowPtr`, `target`; f64 `weight`, `exc`,
 * `inh`, `nmda`.
 */
export function propagate(
  spiked: usize,
  count: i32,
  rowPtr: usize,
  target: usize,
  weight: usize,
  nE: i32,
  exc: usize,
  inh: usize,
  nmda: usize,
  nmdaFactor: f64,
): void {
  for (let s = 0; s < count; s++) {
    const src = load<i32>(spiked + ((<usize>s) << 2));
    const start = load<u32>(rowPtr + ((<usize>src) << 2));
    const end = load<u32>(rowPtr + ((<usize>src + 1) << 2));
    const dst = src < nE ? exc : inh;
    for (let k = start; k < end; k++) {
      const at = dst + ((<usize>load<u32>(target + ((<usize>k) << 2))) << 3);
      store<f64>(at, load<f64>(at) + load<f64>(weight + ((<usize>k) << 3)));
    }
    if (nmda != 0 && src < nE) {
      for (let k = start; k < end; k++) {
        const at = nmda + ((<usize>load<u32>(target + ((<usize>k) << 2))) << 3);
        store<f64>(at, load<f64>(at) + load<f64>(weight + ((<usize>k) << 3)) * nmdaFactor);
      }
    }
  }
}

/**
 * External Poisson input into neurons [start, end): one xoshiro128** draw per neuron, in order, u = draw·2^−32, and
 * exc[i] += weight·k with k the Poisson quantile of u (`cdf`, f64 × cdfLength; binary search as `poissonQuantile`).
 * The generator's four state words (i32 at `state`) are read and written back. Same draws and sums as
 * `PoissonInput.apply` in ../../run-simulation.ts with `Rng.fillUniform32` in ../../rng.ts.
 */
export function poissonInput(
  state: usize,
  start: i32,
  end: i32,
  cdf: usize,
  cdfLength: i32,
  weight: f64,
  exc: usize,
): void {
  let s0 = load<u32>(state);
  let s1 = load<u32>(state, 4);
  let s2 = load<u32>(state, 8);
  let s3 = load<u32>(state, 12);
  const p0 = load<f64>(cdf);
  for (let i = start; i < end; i++) {
    const x = <f64>(rotl<u32>(s1 * 5, 7) * 9) * 2.3283064365386963e-10;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
    if (x < p0) continue;
    let lo = 1;
    let hi = cdfLength - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < load<f64>(cdf + ((<usize>mid) << 3))) hi = mid;
      else lo = mid + 1;
    }
    const at = exc + ((<usize>i) << 3);
    store<f64>(at, load<f64>(at) + weight * <f64>lo);
  }
  store<u32>(state, s0);
  store<u32>(state, s1, 4);
  store<u32>(state, s2, 8);
  store<u32>(state, s3, 12);
}

// Izhikevich's quadratic coefficients, loaded once per call (see expConstant).
const IZH_CONSTANTS = memory.data<f64>([0.04, 5, 140]);

/**
 * Izhikevich (2003), every neuron: forward Euler for v and u, exact decay of the synaptic variables, v ≥ v_peak resets
 * v to c and adds d to u. Same as `izhikevichStep` in ../../neuron-models.ts. Arrays f64: `v`, `u`, `exc`, `inh`,
 * `drive`, per-neuron `a`, `b`, `c`, `d`; ids of spiking neurons (i32) to `out`; returns how many.
 */
export function izhikevichStep(
  n: i32,
  v: usize,
  u: usize,
  exc: usize,
  inh: usize,
  drive: usize,
  a: usize,
  b: usize,
  c: usize,
  d: usize,
  dt: f64,
  ee: f64,
  ei: f64,
  vPeak: f64,
  out: usize,
): i32 {
  const k04 = v128.load64_splat(IZH_CONSTANTS);
  const k5 = v128.load64_splat(IZH_CONSTANTS, 8);
  const k140 = v128.load64_splat(IZH_CONSTANTS, 16);
  const dtV = f64x2.splat(dt);
  const decayE = f64x2.splat(ee);
  const decayI = f64x2.splat(ei);
  const peak = f64x2.splat(vPeak);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o8 = (<usize>i) << 3;
    const vi = v128.load(v + o8);
    const ui = v128.load(u + o8);
    const ge = v128.load(exc + o8);
    const gi = v128.load(inh + o8);
    let dv = f64x2.add(f64x2.mul(f64x2.mul(k04, vi), vi), f64x2.mul(k5, vi));
    dv = f64x2.add(f64x2.add(f64x2.add(f64x2.sub(f64x2.add(dv, k140), ui), ge), gi), v128.load(drive + o8));
    const vNew = f64x2.add(vi, f64x2.mul(dtV, dv));
    const du = f64x2.sub(f64x2.mul(v128.load(b + o8), vi), ui);
    const uNew = f64x2.add(ui, f64x2.mul(f64x2.mul(dtV, v128.load(a + o8)), du));
    v128.store(v + o8, vNew);
    v128.store(u + o8, uNew);
    const bits = i64x2.bitmask(f64x2.ge(vNew, peak));
    if (bits != 0) {
      for (let lane = 0; lane < 2; lane++) {
        if ((bits >> lane) & 1) {
          const j = i + lane;
          const o = (<usize>j) << 3;
          store<f64>(v + o, load<f64>(c + o));
          store<f64>(u + o, load<f64>(u + o) + load<f64>(d + o));
          store<i32>(out + ((<usize>count) << 2), j);
          count++;
        }
      }
    }
    v128.store(exc + o8, f64x2.mul(ge, decayE));
    v128.store(inh + o8, f64x2.mul(gi, decayI));
  }
  for (; i < n; i++) {
    const o8 = (<usize>i) << 3;
    const vi = load<f64>(v + o8);
    const ui = load<f64>(u + o8);
    const vNew =
      vi + dt * (0.04 * vi * vi + 5 * vi + 140 - ui + load<f64>(exc + o8) + load<f64>(inh + o8) + load<f64>(drive + o8));
    const uNew = ui + dt * load<f64>(a + o8) * (load<f64>(b + o8) * vi - ui);
    if (vNew >= vPeak) {
      store<f64>(v + o8, load<f64>(c + o8));
      store<f64>(u + o8, uNew + load<f64>(d + o8));
      store<i32>(out + ((<usize>count) << 2), i);
      count++;
    } else {
      store<f64>(v + o8, vNew);
      store<f64>(u + o8, uNew);
    }
    store<f64>(exc + o8, load<f64>(exc + o8) * ee);
    store<f64>(inh + o8, load<f64>(inh + o8) * ei);
  }
  return count;
}

/**
 * AdEx (Brette & Gerstner 2005), every neuron: forward Euler for V and w with the exponential's argument capped at
 * `argMax`, conductance (`conductance` ≠ 0) or current synapses, refractory clamp, reset at `vCutMv`. Same as
 * `adexStep` in ../../neuron-models.ts. Arrays f64: `v`, `w`, `exc`, `inh`, `drive`; i32 `refr`.
 */
export function adexStep(
  n: i32,
  v: usize,
  w: usize,
  exc: usize,
  inh: usize,
  refr: usize,
  drive: usize,
  ee: f64,
  ei: f64,
  dtOverC: f64,
  dtOverTauW: f64,
  conductance: i32,
  eExcMv: f64,
  eInhMv: f64,
  gL: f64,
  eL: f64,
  vT: f64,
  dT: f64,
  a: f64,
  vCutMv: f64,
  vResetMv: f64,
  bPa: f64,
  refSteps: i32,
  argMax: f64,
  out: usize,
): i32 {
  const invLn2 = expConstant(0);
  const half = expConstant(1);
  const ln2Hi = expConstant(2);
  const ln2Lo = expConstant(3);
  const p1 = expConstant(4);
  const p2 = expConstant(5);
  const p3 = expConstant(6);
  const p4 = expConstant(7);
  const p5 = expConstant(8);
  const maxAbs = expConstant(9);
  const signBit = expConstant(10);
  const bias = expConstant(12);
  const oneI32 = intConstant(0);
  const eE = f64x2.splat(eExcMv);
  const eI = f64x2.splat(eInhMv);
  const negGL = f64x2.splat(-gL);
  const gLdT = f64x2.splat(gL * dT);
  const eLV = f64x2.splat(eL);
  const vTV = f64x2.splat(vT);
  const dTV = f64x2.splat(dT);
  const aV = f64x2.splat(a);
  const dtC = f64x2.splat(dtOverC);
  const dtW = f64x2.splat(dtOverTauW);
  const cut = f64x2.splat(vCutMv);
  const cap = f64x2.splat(argMax);
  const decayE = f64x2.splat(ee);
  const decayI = f64x2.splat(ei);
  let count = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o8 = (<usize>i) << 3;
    const vi = v128.load(v + o8);
    const wi = v128.load(w + o8);
    const ge = v128.load(exc + o8);
    const gi = v128.load(inh + o8);
    const iSyn = conductance
      ? f64x2.add(f64x2.mul(ge, f64x2.sub(eE, vi)), f64x2.mul(gi, f64x2.sub(eI, vi)))
      : f64x2.sub(ge, gi);
    const wNew = f64x2.add(wi, f64x2.mul(dtW, f64x2.sub(f64x2.mul(aV, f64x2.sub(vi, eLV)), wi)));
    const active = countDown(refr + ((<usize>i) << 2), oneI32);
    const arg = f64x2.div(f64x2.sub(vi, vTV), dTV);
    // arg < cap ? arg : cap, NaN included (as the TypeScript kernel).
    const x = v128.bitselect(arg, cap, f64x2.lt(arg, cap));
    let expo = expLanes(x, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias);
    expo = fixOutOfRange(expo, x, maxAbs);
    let dv = f64x2.add(f64x2.mul(negGL, f64x2.sub(vi, eLV)), f64x2.mul(gLdT, expo));
    dv = f64x2.add(f64x2.add(f64x2.sub(dv, wi), iSyn), v128.load(drive + o8));
    const vNew = f64x2.add(vi, f64x2.mul(dtC, dv));
    v128.store(v + o8, v128.bitselect(vNew, vi, active));
    v128.store(w + o8, wNew);
    const bits = i64x2.bitmask(v128.and(active, f64x2.gt(vNew, cut)));
    if (bits != 0) {
      for (let lane = 0; lane < 2; lane++) {
        if ((bits >> lane) & 1) {
          const j = i + lane;
          const o = (<usize>j) << 3;
          store<f64>(v + o, vResetMv);
          store<f64>(w + o, load<f64>(w + o) + bPa);
          store<i32>(refr + ((<usize>j) << 2), refSteps);
          store<i32>(out + ((<usize>count) << 2), j);
          count++;
        }
      }
    }
    v128.store(exc + o8, f64x2.mul(ge, decayE));
    v128.store(inh + o8, f64x2.mul(gi, decayI));
  }
  for (; i < n; i++) {
    const o8 = (<usize>i) << 3;
    const vi = load<f64>(v + o8);
    const wi = load<f64>(w + o8);
    const ge = load<f64>(exc + o8);
    const gi = load<f64>(inh + o8);
    const iSyn = conductance ? ge * (eExcMv - vi) + gi * (eInhMv - vi) : ge - gi;
    const wNew = wi + dtOverTauW * (a * (vi - eL) - wi);
    const ro = refr + ((<usize>i) << 2);
    let r = load<i32>(ro);
    if (r > 0) store<i32>(ro, --r);
    if (r == 0) {
      const arg = (vi - vT) / dT;
      const expo = expScalar(arg < argMax ? arg : argMax);
      const vNew = vi + dtOverC * (-gL * (vi - eL) + gL * dT * expo - wi + iSyn + load<f64>(drive + o8));
      if (vNew > vCutMv) {
        store<f64>(v + o8, vResetMv);
        store<f64>(w + o8, wNew + bPa);
        store<i32>(ro, refSteps);
        store<i32>(out + ((<usize>count) << 2), i);
        count++;
      } else {
        store<f64>(v + o8, vNew);
        store<f64>(w + o8, wNew);
      }
    } else {
      store<f64>(w + o8, wNew);
    }
    store<f64>(exc + o8, ge * ee);
    store<f64>(inh + o8, gi * ei);
  }
  return count;
}

/**
 * COBA LIF with NMDA, neurons [from, to) of one population: as cobaStep, plus the NMDA conductance g_N with the
 * Jahr & Stevens (1990) Mg²⁺ block at the start-of-step V, and its rise (x) / decay (g) variables. Same as
 * `cobaNmdaStep` in ../../neuron-models.ts. Arrays f64: `v`, `exc`, `inh`, `gN`, `xN`, `scratch` (the block, per
 * neuron, between the passes); i32 `refr`.
 */
export function cobaNmdaStep(
  from: i32,
  to: i32,
  count: i32,
  v: usize,
  exc: usize,
  inh: usize,
  refr: usize,
  gN: usize,
  xN: usize,
  restMv: f64,
  ee: f64,
  ei: f64,
  dtOverTau: f64,
  eExcMv: f64,
  eInhMv: f64,
  vThresholdMv: f64,
  vResetMv: f64,
  refSteps: i32,
  eR: f64,
  eD: f64,
  tauD: f64,
  mgFactor: f64,
  eN: f64,
  out: usize,
  scratch: usize,
): i32 {
  const invLn2 = expConstant(0);
  const half = expConstant(1);
  const ln2Hi = expConstant(2);
  const ln2Lo = expConstant(3);
  const p1 = expConstant(4);
  const p2 = expConstant(5);
  const p3 = expConstant(6);
  const p4 = expConstant(7);
  const p5 = expConstant(8);
  const maxAbs = expConstant(9);
  const signBit = expConstant(10);
  const one = expConstant(11);
  const bias = expConstant(12);
  const small = expConstant(13);
  const two = expConstant(14);
  const oneI32 = intConstant(0);
  const mgSlope = f64x2.splat(-0.062);
  const mg = f64x2.splat(mgFactor);
  // Pass 1: the Mg²⁺ block's exp(−0.062·V) of every neuron into `scratch`, two vectors per iteration (two independent
  // exp chains to overlap, as in cobaStep); out-of-range lanes are fixed after the loop. Pass 2 turns it into g_NMDA.
  {
    let inRange = v128.not(i64x2.splat(0));
    let i = from;
    for (; i + 3 < to; i += 4) {
      const o8 = (<usize>i) << 3;
      const xa = f64x2.mul(mgSlope, v128.load(v + o8));
      const xb = f64x2.mul(mgSlope, v128.load(v + o8, 16));
      exp2Lanes(xa, xb, scratch + o8, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias);
      inRange = v128.and(inRange, v128.and(expInRange(xa, maxAbs), expInRange(xb, maxAbs)));
    }
    for (; i + 1 < to; i += 2) {
      const o8 = (<usize>i) << 3;
      const x = f64x2.mul(mgSlope, v128.load(v + o8));
      v128.store(scratch + o8, expLanes(x, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias));
      inRange = v128.and(inRange, expInRange(x, maxAbs));
    }
    if (i64x2.bitmask(inRange) != 3) {
      const pairsEnd = from + ((to - from) & ~1);
      for (let i = from; i < pairsEnd; i++) {
        const o8 = (<usize>i) << 3;
        const x = -0.062 * load<f64>(v + o8);
        if (!(Math.abs(x) < 708)) store<f64>(scratch + o8, expScalar(x));
      }
    }
  }
  // Pass 2: V (exponential Euler with g_NMDA frozen), threshold, reset, and the synaptic variables.
  const rest = f64x2.splat(restMv);
  const eE = f64x2.splat(eExcMv);
  const eI = f64x2.splat(eInhMv);
  const eNV = f64x2.splat(eN);
  const negDto = f64x2.splat(-dtOverTau);
  const vt = f64x2.splat(vThresholdMv);
  const decayE = f64x2.splat(ee);
  const decayI = f64x2.splat(ei);
  const riseN = f64x2.splat(eR);
  const decayN = f64x2.splat(eD);
  const tauDV = f64x2.splat(tauD);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o8 = (<usize>i) << 3;
    const ge = v128.load(exc + o8);
    const gi = v128.load(inh + o8);
    const x = v128.load(xN + o8);
    const g = v128.load(gN + o8);
    const vOld = v128.load(v + o8);
    const active = countDown(refr + ((<usize>i) << 2), oneI32);
    const gNmda = f64x2.div(g, f64x2.add(one, f64x2.mul(mg, v128.load(scratch + o8))));
    const gTot = f64x2.add(f64x2.add(f64x2.add(one, ge), gi), gNmda);
    let num = f64x2.add(f64x2.add(rest, f64x2.mul(ge, eE)), f64x2.mul(gi, eI));
    num = f64x2.add(num, f64x2.mul(gNmda, eNV));
    const vInf = f64x2.div(num, gTot);
    const xDecay = f64x2.mul(gTot, negDto);
    let decay: v128;
    if (bothSmall(xDecay, small)) {
      decay = expLanesSmall(xDecay, one, two, p1, p2, p3, p4, p5);
    } else {
      decay = expLanes(xDecay, invLn2, half, ln2Hi, ln2Lo, p1, p2, p3, p4, p5, signBit, bias);
      decay = fixOutOfRange(decay, xDecay, maxAbs);
    }
    const vNew = f64x2.add(vInf, f64x2.mul(f64x2.sub(vOld, vInf), decay));
    v128.store(v + o8, v128.bitselect(vNew, vOld, active));
    const bits = i64x2.bitmask(v128.and(active, f64x2.gt(vNew, vt)));
    if (bits != 0) count = resetLif(bits, i, v, refr, out, count, vResetMv, refSteps);
    const xTau = f64x2.mul(x, tauDV);
    v128.store(gN + o8, f64x2.add(xTau, f64x2.mul(f64x2.sub(g, xTau), decayN)));
    v128.store(xN + o8, f64x2.mul(x, riseN));
    v128.store(exc + o8, f64x2.mul(ge, decayE));
    v128.store(inh + o8, f64x2.mul(gi, decayI));
  }
  for (; i < to; i++) {
    const o8 = (<usize>i) << 3;
    const ge = load<f64>(exc + o8);
    const gi = load<f64>(inh + o8);
    const x = load<f64>(xN + o8);
    const g = load<f64>(gN + o8);
    const ro = refr + ((<usize>i) << 2);
    let r = load<i32>(ro);
    if (r > 0) store<i32>(ro, --r);
    if (r == 0) {
      const vi = load<f64>(v + o8);
      const gNmda = g / (1 + mgFactor * expScalar(-0.062 * vi));
      const gTot = 1 + ge + gi + gNmda;
      const vInf = (restMv + ge * eExcMv + gi * eInhMv + gNmda * eN) / gTot;
      const vNew = vInf + (vi - vInf) * expScalar(-gTot * dtOverTau);
      if (vNew > vThresholdMv) {
        store<f64>(v + o8, vResetMv);
        store<i32>(ro, refSteps);
        store<i32>(out + ((<usize>count) << 2), i);
        count++;
      } else {
        store<f64>(v + o8, vNew);
      }
    }
    store<f64>(gN + o8, x * tauD + (g - x * tauD) * eD);
    store<f64>(xN + o8, x * eR);
    store<f64>(exc + o8, ge * ee);
    store<f64>(inh + o8, gi * ei);
  }
  return count;
}

/**
 * Synaptic propagation with delays: each spike's weights go to the ring slot of its arrival step, (step + delay) mod
 * `slots` (`stepMod` = step mod slots, so long runs never overflow i32), then this step's slot is added to exc, inh (and nmda when ≠ 0) and cleared. Same order as
 * `propagateDelayed` in ../../run-simulation.ts. Arrays: i32 `spiked`, u32 `rowPtr`, `target`, u16 `delay`; f64
 * `weight`, rings of slots × n (`ringE`, `ringI`, `ringN`), `exc`, `inh`, `nmda`.
 */
export function propagateDelayed(
  spiked: usize,
  count: i32,
  stepMod: i32,
  rowPtr: usize,
  target: usize,
  weight: usize,
  delay: usize,
  nE: i32,
  n: i32,
  slots: i32,
  ringE: usize,
  ringI: usize,
  ringN: usize,
  exc: usize,
  inh: usize,
  nmda: usize,
  nmdaFactor: f64,
): void {
  for (let s = 0; s < count; s++) {
    const src = load<i32>(spiked + ((<usize>s) << 2));
    const end = load<u32>(rowPtr + ((<usize>src + 1) << 2));
    const ring = src < nE ? ringE : ringI;
    const toNmda = ringN != 0 && src < nE;
    for (let k = load<u32>(rowPtr + ((<usize>src) << 2)); k < end; k++) {
      const slot = (stepMod + <i32>load<u16>(delay + ((<usize>k) << 1))) % slots;
      const idx = <usize>slot * <usize>n + <usize>load<u32>(target + ((<usize>k) << 2));
      const w = load<f64>(weight + ((<usize>k) << 3));
      const at = ring + (idx << 3);
      store<f64>(at, load<f64>(at) + w);
      if (toNmda) {
        const atN = ringN + (idx << 3);
        store<f64>(atN, load<f64>(atN) + w * nmdaFactor);
      }
    }
  }
  const base = (<usize>stepMod * <usize>n) << 3;
  drainSlot(exc, ringE + base, n);
  drainSlot(inh, ringI + base, n);
  if (ringN != 0 && nmda != 0) drainSlot(nmda, ringN + base, n);
}

/** dst[i] += slot[i]; slot[i] = 0, for i in [0, n): one ring slot delivered. */
function drainSlot(dst: usize, slot: usize, n: i32): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o8 = (<usize>i) << 3;
    v128.store(dst + o8, f64x2.add(v128.load(dst + o8), v128.load(slot + o8)));
    v128.store(slot + o8, zero);
  }
  for (; i < n; i++) {
    const o8 = (<usize>i) << 3;
    store<f64>(dst + o8, load<f64>(dst + o8) + load<f64>(slot + o8));
    store<f64>(slot + o8, 0);
  }
}
