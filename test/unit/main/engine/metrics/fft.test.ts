// FFT helpers against a naive DFT, for power-of-two and other lengths (Bluestein).
import { describe, expect, it } from 'vitest';
import { realDftMagnitudes } from '../../../../../src-main/engine/metrics/fft';
import { dftMagnitudes } from './reference-impl';
import { seeded } from './spike-gen';

describe('realDftMagnitudes', () => {
  for (const n of [1, 2, 7, 16, 45, 100, 128, 999, 1000, 9800, 34, 1019]) {
    it(`matches the naive DFT for n = ${n}`, () => {
      const rand = seeded(n);
      const x = Array.from({ length: n }, () => rand() - 0.3);
      const fast = realDftMagnitudes(Float64Array.from(x));
      const slow = dftMagnitudes(x);
      slow.forEach((v, k) => expect(fast[k]).toBeCloseTo(v, 8));
    });
  }
});
