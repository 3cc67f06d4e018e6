// The shape of an sbibm benchmark task: prior, simulator, fixed observations, reference posterior sampler.
import type { Matrix } from '../matrix';
import type { PriorSpec } from '../prior';
import type { Rng } from '../rng';

export type SbibmTaskId = 'gaussian_linear' | 'two_moons' | 'slcp' | 'gaussian_mixture';

export interface SbibmTask {
  id: SbibmTaskId;
  dimParameters: number;
  dimData: number;
  prior: PriorSpec;
  /** Simulates one data vector per parameter row: `[n, dimParameters]` -> `[n, dimData]`. */
  simulate(theta: Matrix, rng: Rng): Matrix;
  /** sbibm's observations 1..10 (index 0..9). */
  observations: number[][];
  /** Draws `n` samples of the reference posterior for observation `num` (1..10), `[n, dimParameters]`. */
  referencePosterior(num: number, n: number, rng: Rng): Matrix;
}
