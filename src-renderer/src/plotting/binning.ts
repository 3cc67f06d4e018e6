// Histogram binning in 1-D and 2-D for plots; non-finite values are skipped and counted.

export interface Histogram1d {
  /** Bin edges. Shape [nBins + 1]. */
  edges: Float64Array;
  /** Counts per bin. Shape [nBins]. */
  counts: Float64Array;
  /** Values that were NaN or infinite. */
  skipped: number;
}

export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) return [0, 1];
  // A constant column still gets a visible bin.
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

export function histogram1d(values: ArrayLike<number>, nBins: number, range = finiteRange(values)): Histogram1d {
  const [lo, hi] = range;
  const edges = new Float64Array(nBins + 1).map((_, i) => lo + ((hi - lo) * i) / nBins);
  const counts = new Float64Array(nBins);
  let skipped = 0;
  const scale = nBins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      skipped += 1;
      continue;
    }
    if (v < lo || v > hi) continue;
    // The right edge belongs to the last bin.
    counts[Math.min(nBins - 1, Math.floor((v - lo) * scale))] += 1;
  }
  return { edges, counts, skipped };
}

/** 2-D counts, row-major [ny][nx] flattened. */
export function histogram2d(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  nBins: number,
  xRange = finiteRange(x),
  yRange = finiteRange(y),
): { counts: Float64Array; max: number } {
  const counts = new Float64Array(nBins * nBins);
  const sx = nBins / (xRange[1] - xRange[0]);
  const sy = nBins / (yRange[1] - yRange[0]);
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a < xRange[0] || a > xRange[1] || b < yRange[0] || b > yRange[1]) continue;
    const ix = Math.min(nBins - 1, Math.floor((a - xRange[0]) * sx));
    const iy = Math.min(nBins - 1, Math.floor((b - yRange[0]) * sy));
    const c = ++counts[iy * nBins + ix];
    if (c > max) max = c;
  }
  return { counts, max };
}
