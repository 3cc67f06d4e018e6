// The safe expression parser: precedence, functions, references, and errors that name what and where.
import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  expressionRefs,
  parseExpression,
  ExpressionError,
} from '../../../../../../src-main/engine/metrics/user/expression';

const values: Record<string, number> = { a: 2, b: 3, rate_mean: 10 };
const ev = (src: string, lookup = (id: string, pop?: string) => (pop === 'I' ? 100 : values[id])) =>
  evaluateExpression(parseExpression(src), lookup);

describe('parseExpression', () => {
  it('follows arithmetic precedence and associativity', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('2 ^ 3 ^ 2')).toBe(512);
    expect(ev('-2 ^ 2')).toBe(-4);
    expect(ev('8 / 4 / 2')).toBe(1);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('1.5e2 + .5')).toBe(150.5);
  });
  it('evaluates functions and references with populations', () => {
    expect(ev('log(exp(a)) + sqrt(b * b) + abs(-1)')).toBeCloseTo(6, 12);
    expect(ev('min(a, b, 1) + max(a, b) + log10(100)')).toBe(6);
    expect(ev('rate_mean / rate_mean[I]')).toBe(0.1);
    expect(expressionRefs(parseExpression('rate_mean[E] - lv')).map((r) => [r.id, r.population])).toEqual([
      ['rate_mean', 'E'],
      ['lv', undefined],
    ]);
  });
  it('lets NaN and infinities follow IEEE arithmetic instead of throwing', () => {
    expect(ev('a / 0')).toBe(Infinity);
    expect(ev('log(-1)')).toBeNaN();
  });
  const bad: [string, RegExp, number][] = [
    ['1 +', /expected a number.*end of expression/, 3],
    ['rate_mean $ 2', /unexpected character '\$'/, 10],
    ['foo(1)', /unknown function 'foo'/, 0],
    ['log(1, 2)', /log takes 1 argument/, 0],
    ['max()', /max needs at least one argument/, 0],
    ['(a + b', /expected '\)'/, 6],
    ['a b', /unexpected 'b' after a complete expression/, 2],
    ['a[1]', /expected a population name/, 2],
    ['process.exit()', /unexpected character '\.'|malformed number|unexpected/, 7],
  ];
  for (const [src, message, position] of bad) {
    it(`rejects '${src}' at column ${position + 1}`, () => {
      try {
        parseExpression(src);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ExpressionError);
        expect((err as ExpressionError).message).toMatch(message);
        expect((err as ExpressionError).position).toBe(position);
      }
    });
  }
});
