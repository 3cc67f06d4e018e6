// Parameter spaces: expression language, JSON paths, prior transforms against analytic moments, compile errors.
import { describe, expect, it } from 'vitest';
import { LodynError } from '../../../../src-shared/contract/envelope';
import {
  compileSpace,
  evaluateExpression,
  exampleSpace,
  getAtPath,
  normalCdf,
  normalQuantile,
  parameterSpaceJsonSchema,
  parseExpression,
  pointFromUnit,
  priorFromUnit,
  priorLogProb,
  setAtPath,
  spaceColumns,
  spaceLogProb,
} from '../../../../src-shared/space';
import { parseNetworkSpec } from '../../../../src-shared/model/network-spec';

const ev = (s: string, vars: Record<string, number> = {}) => evaluateExpression(parseExpression(s), vars);

describe('expression language', () => {
  it('follows arithmetic precedence and associativity', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('2 ^ 3 ^ 2')).toBe(512);
    expect(ev('-2 ^ 2')).toBe(-4);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('0.8 * N', { N: 1000 })).toBeCloseTo(800, 12);
    expect(ev('max(1, x, 3) + min(4, 2)', { x: 7 })).toBe(9);
    expect(ev('x > 0 && log(x) < 2', { x: -1 })).toBe(0);
    expect(ev('a >= b ? a : b', { a: 2, b: 5 })).toBe(5);
    expect(ev('!(1 == 2) || false')).toBe(1);
    expect(ev('1e-3 * 2')).toBeCloseTo(0.002, 15);
  });

  it('rejects bad syntax and unknown functions with a position', () => {
    expect(() => parseExpression('1 +')).toThrow(/unexpected/);
    expect(() => parseExpression('foo(1)')).toThrow(/unknown function 'foo'/);
    expect(() => parseExpression('pow(1)')).toThrow(/2 argument/);
    expect(() => parseExpression('a b')).toThrow(/unexpected 'b' at 2/);
    expect(() => parseExpression('process.exit()')).toThrow();
  });
});

describe('JSON paths', () => {
  const spec = {
    pops: [
      { name: 'E', n: 800 },
      { name: 'I', n: 200 },
    ],
    neuron: { tauMs: 20 },
  };
  it('reads and writes by key, index and selector without mutating the input', () => {
    expect(getAtPath(spec, 'pops[name=I].n')).toBe(200);
    expect(getAtPath(spec, 'pops[0].name')).toBe('E');
    const next = setAtPath(spec, 'neuron.tauMs', 10);
    expect(getAtPath(next, 'neuron.tauMs')).toBe(10);
    expect(spec.neuron.tauMs).toBe(20);
    expect(() => getAtPath(spec, 'pops[name=X].n')).toThrow(/no element/);
    expect(() => getAtPath(spec, 'pops[5]')).toThrow(/out of range/);
    expect(() => getAtPath(spec, 'neuron..tauMs')).toThrow();
  });
});

describe('priors', () => {
  it('normal quantile inverts the CDF', () => {
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
  });

  it('maps the unit interval onto each prior with the analytic moments', () => {
    const n = 20000;
    const mean = (prior: Parameters<typeof priorFromUnit>[0]) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += priorFromUnit(prior, (i + 0.5) / n);
      return s / n;
    };
    expect(mean({ kind: 'uniform', low: 2, high: 6 })).toBeCloseTo(4, 6);
    // log-uniform on [a, b]: E[x] = (b - a) / ln(b / a).
    expect(mean({ kind: 'logUniform', low: 1, high: 100 })).toBeCloseTo(99 / Math.log(100), 2);
    // Truncated normal: E[x] = mu + sd (phi(alpha) - phi(beta)) / Z.
    const tn = { kind: 'truncatedNormal' as const, mean: 20, sd: 5, low: 12, high: 35 };
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const a = (12 - 20) / 5;
    const b = (35 - 20) / 5;
    const expected = 20 + (5 * (phi(a) - phi(b))) / (normalCdf(b) - normalCdf(a));
    expect(mean(tn)).toBeCloseTo(expected, 3);
    expect(priorFromUnit(tn, 0)).toBeGreaterThanOrEqual(12);
    expect(priorFromUnit(tn, 0.999999)).toBeLessThanOrEqual(35);
  });

  it('log densities integrate to one and choices follow their weights', () => {
    const tn = { kind: 'truncatedNormal' as const, mean: 0, sd: 1, low: -1, high: 2 };
    let integral = 0;
    const steps = 30000;
    for (let i = 0; i < steps; i++) integral += Math.exp(priorLogProb(tn, -1 + ((i + 0.5) * 3) / steps)) * (3 / steps);
    expect(integral).toBeCloseTo(1, 5);
    const lu = { kind: 'logUniform' as const, low: 0.5, high: 8 };
    integral = 0;
    for (let i = 0; i < steps; i++)
      integral += Math.exp(priorLogProb(lu, 0.5 + ((i + 0.5) * 7.5) / steps)) * (7.5 / steps);
    expect(integral).toBeCloseTo(1, 4);
    const choice = { kind: 'choice' as const, values: ['lif', 'adex', 'izh'], weights: [1, 2, 1] };
    const counts = [0, 0, 0];
    for (let i = 0; i < 1000; i++) counts[priorFromUnit(choice, (i + 0.5) / 1000)]++;
    expect(counts).toEqual([250, 500, 250]);
    expect(priorLogProb(choice, 1)).toBeCloseTo(Math.log(0.5), 12);
    expect(priorLogProb(choice, 3)).toBe(-Infinity);
  });
});

describe('compileSpace and points', () => {
  it('compiles the example and sets free and derived values in a copy of the spec', () => {
    const compiled = compileSpace(exampleSpace());
    expect(compiled.dim).toBe(5);
    const point = pointFromUnit(compiled, [0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(getAtPath(point.spec, 'connectivity.EE.weight')).toBeCloseTo(Math.sqrt(0.1 * 2), 12);
    expect(getAtPath(point.spec, 'neuron.tauMMs')).toBeCloseTo(20, 6);
    expect(getAtPath(point.spec, 'connectivity.EI.weight')).toBe(point.free[0]);
    expect(point.derived[6]).toBeCloseTo(Math.sqrt(20) / Math.sqrt(0.2), 10);
    expect(point.violated).toEqual([]);
    const bad = pointFromUnit(compiled, [0.99, 0, 0.5, 0.5, 0.5]);
    expect(bad.violated).toEqual(['inhibitory weight at least the excitatory one']);
    expect(spaceLogProb(compiled, bad.free)).toBe(-Infinity);
    expect(Number.isFinite(spaceLogProb(compiled, point.free))).toBe(true);
    const cols = spaceColumns(compiled);
    expect(cols.map((c) => c.id)).toEqual([
      'wE',
      'wI',
      'p',
      'rateIn',
      'tauM',
      'wEI',
      'wII',
      'pEI',
      'pIE',
      'pII',
      'rateInI',
      'g',
    ]);
    expect(cols[0]).toMatchObject({ unit: 'g_L', min: 0.1, max: 2 });
    // The example's spec is a valid network spec.
    expect(() => parseNetworkSpec(point.spec)).not.toThrow();
  });

  it('supports a model-family choice and derived integer counts', () => {
    const compiled = compileSpace({
      baseSpec: { neuron: { model: 'lif' }, pops: [{ name: 'E', n: 1 }] },
      free: [
        { id: 'family', path: 'neuron.model', prior: { kind: 'choice', values: ['lif', 'adex'] } },
        { id: 'N', path: 'size', prior: { kind: 'uniform', low: 100, high: 2000 }, integer: true },
      ],
      derived: [{ id: 'NE', expr: '0.8 * N', path: 'pops[name=E].n', integer: true }],
    });
    const point = pointFromUnit(compiled, [0.75, 0.5]);
    expect(point.spec).toEqual({ neuron: { model: 'adex' }, pops: [{ name: 'E', n: 840 }], size: 1050 });
  });

  it('names the offending field in errors', () => {
    const base = exampleSpace();
    const expectField = (input: unknown, field: string) => {
      try {
        compileSpace(input);
        throw new Error('no error');
      } catch (err) {
        expect(err).toBeInstanceOf(LodynError);
        expect((err as LodynError).field).toBe(field);
      }
    };
    expectField(
      { ...base, free: [{ ...base.free[0], prior: { kind: 'uniform', low: 2, high: 1 } }] },
      'space.free[0].prior.high',
    );
    expectField({ ...base, derived: [{ id: 'x', expr: 'wE * zz' }] }, 'space.derived[0].expr');
    expectField({ ...base, free: [{ ...base.free[0], path: 'nope.deeper' }] }, 'space.free[0].path');
    expectField({ ...base, free: [base.free[0], base.free[0]] }, 'space.free[1].id');
    expectField({ ...base, constraints: [{ expr: 'wE >' }] }, 'space.constraints[0].expr');
  });

  it('exports a JSON Schema', () => {
    const schema = parameterSpaceJsonSchema();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toContain('free');
  });
});
