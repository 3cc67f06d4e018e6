// parseOrThrow: the first issue becomes a ValidationError whose field is the dotted path and whose message keeps the rule.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LodynError } from '../../../../src-shared/contract/envelope';
import { formatPath, parseOrThrow } from '../../../../src-shared/contract/validate';

const schema = z.object({ populations: z.array(z.object({ n: z.number().int().min(1).max(100_000) })) }).strict();

function errorOf(fn: () => unknown): LodynError {
  try {
    fn();
  } catch (err) {
    return err as LodynError;
  }
  throw new Error('expected a throw');
}

describe('parseOrThrow', () => {
  it('formats paths with indices', () => {
    expect(formatPath(['populations', 0, 'n'])).toBe('populations[0].n');
    expect(formatPath(['n'], 'spec')).toBe('spec.n');
  });

  it('names the field and the allowed range', () => {
    const err = errorOf(() => parseOrThrow(schema, { populations: [{ n: 5 }, { n: 0 }] }));
    expect(err.name).toBe('ValidationError');
    expect(err.field).toBe('populations[1].n');
    expect(err.message).toMatch(/populations\[1\]\.n/);
    expect(err.message).toMatch(/>=\s*1/);
  });

  it('points at an unknown key itself', () => {
    expect(errorOf(() => parseOrThrow(schema, { populations: [], nn: 1 })).field).toBe('nn');
  });

  it('returns the parsed value when valid', () => {
    expect(parseOrThrow(schema, { populations: [{ n: 3 }] })).toEqual({ populations: [{ n: 3 }] });
  });
});
