// A safe parser and evaluator for user-metric expressions (numbers, metric ids, + − * / ^, functions): no eval, no Function.
import { EXPRESSION_FUNCTIONS } from '../../../../src-shared/metrics/user-metric';

export type ExprNode =
  | { type: 'num'; value: number; pos: number }
  | { type: 'ref'; id: string; population?: string; pos: number; end: number }
  | { type: 'neg'; arg: ExprNode; pos: number }
  | { type: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: ExprNode; right: ExprNode; pos: number }
  | { type: 'call'; fn: string; args: ExprNode[]; pos: number };

/** A parse or reference error at a 0-based character position of the expression. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length = 1,
  ) {
    super(`${message} (at column ${position + 1})`);
    this.name = 'ExpressionError';
  }
}

interface Token {
  kind: 'num' | 'ident' | 'op' | 'end';
  text: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new ExpressionError(`malformed number`, i);
      out.push({ kind: 'num', text: m[0], pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
    } else if ('+-*/^(),[]'.includes(c)) {
      out.push({ kind: 'op', text: c, pos: i });
      i++;
    } else {
      throw new ExpressionError(`unexpected character '${c}'`, i);
    }
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

/** Parses an expression into a tree; throws ExpressionError naming what is wrong and where. */
export function parseExpression(src: string): ExprNode {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (text: string) => peek().kind === 'op' && peek().text === text;
  const describe = (t: Token) => (t.kind === 'end' ? 'end of expression' : `'${t.text}'`);
  const expect = (text: string, what: string) => {
    if (!isOp(text)) throw new ExpressionError(`expected '${text}' ${what}, found ${describe(peek())}`, peek().pos);
    p++;
  };

  const expr = (): ExprNode => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const t = tokens[p++];
      left = { type: 'bin', op: t.text as '+' | '-', left, right: term(), pos: t.pos };
    }
    return left;
  };
  const term = (): ExprNode => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const t = tokens[p++];
      left = { type: 'bin', op: t.text as '*' | '/', left, right: unary(), pos: t.pos };
    }
    return left;
  };
  const unary = (): ExprNode => {
    if (isOp('-')) {
      const t = tokens[p++];
      return { type: 'neg', arg: unary(), pos: t.pos };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return power();
  };
  const power = (): ExprNode => {
    const base = primary();
    if (isOp('^')) {
      const t = tokens[p++];
      // Right-associative, and binds tighter than unary minus on its left: -2^2 = -(2^2).
      return { type: 'bin', op: '^', left: base, right: unary(), pos: t.pos };
    }
    return base;
  };
  const primary = (): ExprNode => {
    const t = peek();
    if (t.kind === 'num') {
      p++;
      const value = Number(t.text);
      if (!Number.isFinite(value))
        throw new ExpressionError(`number '${t.text}' is out of range`, t.pos, t.text.length);
      return { type: 'num', value, pos: t.pos };
    }
    if (t.kind === 'ident') {
      p++;
      if (isOp('(')) {
        const fn = EXPRESSION_FUNCTIONS[t.text];
        if (!fn)
          throw new ExpressionError(
            `unknown function '${t.text}' (known: ${Object.keys(EXPRESSION_FUNCTIONS).join(', ')})`,
            t.pos,
            t.text.length,
          );
        p++;
        const args: ExprNode[] = [];
        if (!isOp(')')) {
          args.push(expr());
          while (isOp(',')) {
            p++;
            args.push(expr());
          }
        }
        expect(')', `to close the call of ${t.text}`);
        if (fn.arity >= 0 && args.length !== fn.arity)
          throw new ExpressionError(
            `${t.text} takes ${fn.arity} argument(s), got ${args.length}`,
            t.pos,
            t.text.length,
          );
        if (fn.arity < 0 && args.length === 0)
          throw new ExpressionError(`${t.text} needs at least one argument`, t.pos, t.text.length);
        return { type: 'call', fn: t.text, args, pos: t.pos };
      }
      let population: string | undefined;
      let end = t.pos + t.text.length;
      if (isOp('[')) {
        p++;
        const pt = peek();
        if (pt.kind !== 'ident') throw new ExpressionError(`expected a population name after '['`, pt.pos);
        population = pt.text;
        p++;
        end = peek().pos + 1;
        expect(']', 'after the population name');
      }
      return { type: 'ref', id: t.text, population, pos: t.pos, end };
    }
    if (isOp('(')) {
      p++;
      const inner = expr();
      expect(')', 'to close the parenthesis');
      return inner;
    }
    throw new ExpressionError(`expected a number, metric id, function or '(', found ${describe(t)}`, t.pos);
  };

  const root = expr();
  if (peek().kind !== 'end')
    throw new ExpressionError(`unexpected ${describe(peek())} after a complete expression`, peek().pos);
  return root;
}

/** Every metric reference in the tree, in source order. */
export function expressionRefs(node: ExprNode): Extract<ExprNode, { type: 'ref' }>[] {
  switch (node.type) {
    case 'num':
      return [];
    case 'ref':
      return [node];
    case 'neg':
      return expressionRefs(node.arg);
    case 'bin':
      return [...expressionRefs(node.left), ...expressionRefs(node.right)];
    case 'call':
      return node.args.flatMap(expressionRefs);
  }
}

/** Evaluates a tree; `lookup` gives a referenced metric's value (NaN propagates as IEEE arithmetic does). */
export function evaluateExpression(node: ExprNode, lookup: (id: string, population?: string) => number): number {
  const ev = (n: ExprNode): number => {
    switch (n.type) {
      case 'num':
        return n.value;
      case 'ref':
        return lookup(n.id, n.population);
      case 'neg':
        return -ev(n.arg);
      case 'bin': {
        const a = ev(n.left);
        const b = ev(n.right);
        if (n.op === '+') return a + b;
        if (n.op === '-') return a - b;
        if (n.op === '*') return a * b;
        if (n.op === '/') return a / b;
        return a ** b;
      }
      case 'call': {
        const v = n.args.map(ev);
        switch (n.fn) {
          case 'log':
            return Math.log(v[0]);
          case 'log10':
            return Math.log10(v[0]);
          case 'exp':
            return Math.exp(v[0]);
          case 'sqrt':
            return Math.sqrt(v[0]);
          case 'abs':
            return Math.abs(v[0]);
          case 'min':
            return Math.min(...v);
          case 'max':
            return Math.max(...v);
        }
        return NaN;
      }
    }
  };
  return ev(node);
}
