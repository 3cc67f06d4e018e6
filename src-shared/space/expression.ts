// A small safe expression language for derived parameters and constraints: parsed to an AST, never eval'd.

/** Parsed expression tree. */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'unary'; op: '-' | '!'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'ternary'; test: Expr; then: Expr; else: Expr }
  | { kind: 'call'; fn: string; args: Expr[] };

type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

/** Functions an expression may call, with their arity (-1: one or more). */
const FUNCTIONS: Record<string, { arity: number; fn: (...xs: number[]) => number }> = {
  min: { arity: -1, fn: Math.min },
  max: { arity: -1, fn: Math.max },
  abs: { arity: 1, fn: Math.abs },
  sqrt: { arity: 1, fn: Math.sqrt },
  exp: { arity: 1, fn: Math.exp },
  log: { arity: 1, fn: Math.log },
  log10: { arity: 1, fn: Math.log10 },
  pow: { arity: 2, fn: Math.pow },
  floor: { arity: 1, fn: Math.floor },
  ceil: { arity: 1, fn: Math.ceil },
  round: { arity: 1, fn: Math.round },
};

export const EXPRESSION_FUNCTIONS = Object.keys(FUNCTIONS);

/** Thrown for a syntax error or an unknown name; `position` is the character offset. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

interface Token {
  type: 'num' | 'id' | 'op' | 'end';
  text: string;
  pos: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '<', '>', '!', '(', ')', ',', '?', ':'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (num) {
      tokens.push({ type: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (id) {
      tokens.push({ type: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character '${c}' at ${i}`, i);
    tokens.push({ type: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ type: 'end', text: '', pos: source.length });
  return tokens;
}

/** Binding power of binary operators; '^' is right-associative. */
const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '^': 8,
};

/** Parses `source` into an AST (Pratt parser). Throws ExpressionError with the offending position. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let k = 0;
  const peek = () => tokens[k];
  const next = () => tokens[k++];
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new ExpressionError(`expected '${text}' at ${t.pos}, found '${t.text || 'end'}'`, t.pos);
  };

  function primary(): Expr {
    const t = next();
    if (t.type === 'num') return { kind: 'num', value: Number(t.text) };
    if (t.type === 'id') {
      if (peek().text === '(') {
        next();
        const spec = FUNCTIONS[t.text];
        if (!spec)
          throw new ExpressionError(`unknown function '${t.text}' (known: ${EXPRESSION_FUNCTIONS.join(', ')})`, t.pos);
        const args: Expr[] = [];
        if (peek().text !== ')') {
          args.push(ternary());
          while (peek().text === ',') {
            next();
            args.push(ternary());
          }
        }
        expect(')');
        if (spec.arity >= 0 ? args.length !== spec.arity : args.length < 1) {
          throw new ExpressionError(
            `${t.text}() takes ${spec.arity >= 0 ? spec.arity : 'one or more'} argument(s)`,
            t.pos,
          );
        }
        return { kind: 'call', fn: t.text, args };
      }
      if (t.text === 'true') return { kind: 'num', value: 1 };
      if (t.text === 'false') return { kind: 'num', value: 0 };
      return { kind: 'var', name: t.text };
    }
    if (t.text === '(') {
      const inner = ternary();
      expect(')');
      return inner;
    }
    if (t.text === '-' || t.text === '!') return { kind: 'unary', op: t.text, arg: binary(7) };
    if (t.text === '+') return binary(7);
    throw new ExpressionError(`unexpected '${t.text || 'end of expression'}' at ${t.pos}`, t.pos);
  }

  function binary(minPrec: number): Expr {
    let left = primary();
    for (;;) {
      const t = peek();
      const prec = t.type === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      next();
      const right = binary(t.text === '^' ? prec : prec + 1);
      left = { kind: 'binary', op: t.text as BinaryOp, left, right };
    }
  }

  function ternary(): Expr {
    const test = binary(1);
    if (peek().text !== '?') return test;
    next();
    const then = ternary();
    expect(':');
    return { kind: 'ternary', test, then, else: ternary() };
  }

  const expr = ternary();
  const end = peek();
  if (end.type !== 'end') throw new ExpressionError(`unexpected '${end.text}' at ${end.pos}`, end.pos);
  return expr;
}

/** Names of the variables an expression reads. */
export function expressionVariables(expr: Expr, out = new Set<string>()): Set<string> {
  switch (expr.kind) {
    case 'var':
      out.add(expr.name);
      break;
    case 'unary':
      expressionVariables(expr.arg, out);
      break;
    case 'binary':
      expressionVariables(expr.left, out);
      expressionVariables(expr.right, out);
      break;
    case 'ternary':
      expressionVariables(expr.test, out);
      expressionVariables(expr.then, out);
      expressionVariables(expr.else, out);
      break;
    case 'call':
      for (const a of expr.args) expressionVariables(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** Evaluates an AST; booleans are 1/0. Unknown variables throw. */
export function evaluateExpression(expr: Expr, vars: Readonly<Record<string, number>>): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var': {
      const v = vars[expr.name];
      if (v === undefined) throw new ExpressionError(`unknown variable '${expr.name}'`, 0);
      return v;
    }
    case 'unary': {
      const a = evaluateExpression(expr.arg, vars);
      return expr.op === '-' ? -a : a ? 0 : 1;
    }
    case 'ternary':
      return evaluateExpression(expr.test, vars)
        ? evaluateExpression(expr.then, vars)
        : evaluateExpression(expr.else, vars);
    case 'call':
      return FUNCTIONS[expr.fn].fn(...expr.args.map((a) => evaluateExpression(a, vars)));
    case 'binary': {
      const l = evaluateExpression(expr.left, vars);
      // Short-circuit the logical operators so `x > 0 && log(x) < 2` never evaluates log of a negative.
      if (expr.op === '&&') return l ? (evaluateExpression(expr.right, vars) ? 1 : 0) : 0;
      if (expr.op === '||') return l ? 1 : evaluateExpression(expr.right, vars) ? 1 : 0;
      const r = evaluateExpression(expr.right, vars);
      switch (expr.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return l / r;
        case '^':
          return Math.pow(l, r);
        case '<':
          return l < r ? 1 : 0;
        case '<=':
          return l <= r ? 1 : 0;
        case '>':
          return l > r ? 1 : 0;
        case '>=':
          return l >= r ? 1 : 0;
        case '==':
          return l === r ? 1 : 0;
        case '!=':
          return l !== r ? 1 : 0;
      }
    }
  }
}
