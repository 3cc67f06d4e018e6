// Tests of the seeded generator's integer draws against exact integer arithmetic.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../../src-main/engine/sim/rng';

describe('Rng.below', () => {
  it('equals rejection sampling done in BigInt, for small, large and power-of-two bounds', () => {
    const bounds = [1, 2, 3, 7, 64, 641, 1000, 2 ** 16 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3e9, 2 ** 32 - 1];
    for (const n of bounds) {
      const rng = new Rng(42, 9);
      const twin = new Rng(42, 9);
      const limit = 2n ** 32n - (2n ** 32n % BigInt(n));
      for (let i = 0; i < 2000; i++) {
        let x: bigint;
        do x = BigInt(twin.nextU32());
        while (x >= limit);
        expect(rng.below(n), `n = ${n}, draw ${i}`).toBe(Number(x % BigInt(n)));
      }
    }
  });

  it('returns 0 for an empty range', () => {
    expect(new Rng(1, 1).below(0)).toBe(0);
  });
});
