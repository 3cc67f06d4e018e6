// Row-major numeric matrices: the plain-data form of parameter and data sets passed around the SBI engine.
import { validationError } from '../../../src-shared/contract/envelope';

/** A row-major matrix `[rows, cols]`; `data.length === rows * cols`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const out = new Float32Array(rows * cols);
  if (data) {
    if (data.length !== rows * cols) {
      throw validationError('data', `expected ${rows * cols} values for shape [${rows}, ${cols}], got ${data.length}`);
    }
    out.set(data);
  }
  return { rows, cols, data: out };
}

/** Builds a matrix from rows of equal length; `field` names the argument in errors. */
export function fromRows(rows: readonly (readonly number[])[], field = 'rows'): Matrix {
  const cols = rows[0]?.length ?? 0;
  const out = matrix(rows.length, cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw validationError(`${field}[${i}]`, `expected ${cols} values, got ${r.length}`);
    out.data.set(r, i * cols);
  });
  return out;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Selects rows by index. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = matrix(idx.length, m.cols);
  for (let i = 0; i < idx.length; i++) out.data.set(row(m, idx[i]), i * m.cols);
  return out;
}

/** Per-column mean and standard deviation (population std, floored at `minStd` so constant columns stay finite). */
export function columnStats(m: Matrix, minStd = 1e-14): { mean: number[]; std: number[] } {
  const mean = new Array<number>(m.cols).fill(0);
  const sq = new Array<number>(m.cols).fill(0);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= Math.max(1, m.rows);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const d = m.data[i * m.cols + j] - mean[j];
      sq[j] += d * d;
    }
  }
  // Unbiased (n - 1) like torch.std, which sbi uses for z-scoring.
  const std = sq.map((s) => Math.max(minStd, Math.sqrt(s / Math.max(1, m.rows - 1))));
  return { mean, std };
}
