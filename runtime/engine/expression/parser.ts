/**
 * A Pratt parser for the expression language. It only builds a data tree: nothing here (or in the
 * evaluator) ever hands text to JavaScript's eval, Function or vm.
 */
import { type Ast, FORBIDDEN_PROPERTIES, type ParsedExpression } from './ast.ts';
import { ExpressionError } from './expression-error.ts';
import { expressionFunctions } from './functions.ts';
import { defaultExpressionLimits } from './limits.ts';
import { type Token, tokenize } from './tokenizer.ts';

/** Binding power of each binary operator; higher binds tighter. `?:` is 1. */
const PRECEDENCE: Record<string, number> = {
  '??': 2,
  '||': 3,
  '&&': 4,
  '==': 5,
  '!=': 5,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  in: 6,
  '+': 7,
  '-': 7,
  '*': 8,
  '/': 8,
  '%': 8,
};
const UNARY_POWER = 9;
const KEYWORD_LITERALS: Record<string, boolean | null> = { true: true, false: false, null: null };

class Parser {
  readonly tokens: Token[];
  readonly source: string;
  readonly offset: number;
  readonly maxDepth: number;
  i = 0;
  depth = 0;

  constructor(source: string, offset: number, maxDepth: number) {
    this.source = source;
    this.offset = offset;
    this.maxDepth = maxDepth;
    this.tokens = tokenize(source, offset);
  }

  fail(problem: string, pos: number): never {
    throw new ExpressionError('expression-syntax', problem, this.source, this.offset + pos + 1);
  }

  peek(): Token {
    return this.tokens[this.i]!;
  }

  next(): Token {
    return this.tokens[this.i++]!;
  }

  isPunct(value: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.value === value;
  }

  expect(value: string, what: string): Token {
    const t = this.peek();
    if (t.type !== 'punct' || t.value !== value)
      this.fail(`expected '${value}' ${what}, found ${describe(t)}`, t.pos);
    return this.next();
  }

  parse(minPower: number): Ast {
    if (++this.depth > this.maxDepth) {
      throw new ExpressionError(
        'expression-limit',
        `nesting deeper than ${this.maxDepth} levels`,
        this.source,
        this.offset + this.peek().pos + 1,
      );
    }
    let left = this.parsePostfix(this.parsePrefix());
    for (;;) {
      const t = this.peek();
      const op = t.type === 'punct' || (t.type === 'name' && t.value === 'in') ? t.value : undefined;
      if (op === '?') {
        if (minPower >= 1) break;
        this.next();
        const then = this.parse(0);
        this.expect(':', "after the 'then' part of '? :'");
        const otherwise = this.parse(0);
        left = { kind: 'conditional', test: left, then, otherwise, pos: t.pos };
        continue;
      }
      const power = op === undefined ? undefined : PRECEDENCE[op];
      if (power === undefined || power <= minPower) break;
      this.next();
      const right = this.parse(power);
      left =
        op === '&&' || op === '||' || op === '??'
          ? { kind: 'logical', op, left, right, pos: t.pos }
          : { kind: 'binary', op: op as Extract<Ast, { kind: 'binary' }>['op'], left, right, pos: t.pos };
    }
    this.depth--;
    return left;
  }

  parsePrefix(): Ast {
    const t = this.next();
    switch (t.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: t.literal!, pos: t.pos };
      case 'name':
        if (Object.hasOwn(KEYWORD_LITERALS, t.value))
          return { kind: 'literal', value: KEYWORD_LITERALS[t.value]!, pos: t.pos };
        if (t.value === 'in') this.fail("'in' needs a value on its left", t.pos);
        if (this.isPunct('(')) return this.parseCall(t);
        return { kind: 'name', name: t.value, pos: t.pos };
      case 'eof':
        return this.fail('unexpected end of expression', t.pos);
      default:
        break;
    }
    switch (t.value) {
      case '(': {
        const inner = this.parse(0);
        this.expect(')', 'to close the parenthesis');
        return inner;
      }
      case '!':
      case '-':
        return { kind: 'unary', op: t.value, arg: this.parse(UNARY_POWER), pos: t.pos };
      case '[':
        return { kind: 'array', items: this.parseList(']', 'list'), pos: t.pos };
      case '{':
        return this.parseObject(t.pos);
      default:
        return this.fail(`unexpected ${describe(t)}`, t.pos);
    }
  }

  parsePostfix(left: Ast): Ast {
    for (;;) {
      const t = this.peek();
      if (t.type !== 'punct') return left;
      if (t.value === '.') {
        this.next();
        const name = this.next();
        if (name.type !== 'name')
          this.fail(`expected a property name after '.', found ${describe(name)}`, name.pos);
        this.checkProperty(name.value, name.pos);
        left = { kind: 'member', object: left, property: name.value, pos: name.pos };
      } else if (t.value === '[') {
        this.next();
        const index = this.parse(0);
        this.expect(']', 'to close the index');
        if (index.kind === 'literal' && typeof index.value === 'string')
          this.checkProperty(index.value, index.pos);
        left = { kind: 'index', object: left, index, pos: t.pos };
      } else if (t.value === '(') {
        return this.fail('only built-in functions can be called, like len(x)', t.pos);
      } else {
        return left;
      }
    }
  }

  checkProperty(name: string, pos: number): void {
    if (FORBIDDEN_PROPERTIES.has(name)) this.fail(`property '${name}' is not accessible`, pos);
  }

  parseCall(name: Token): Ast {
    if (!Object.hasOwn(expressionFunctions, name.value)) {
      const known = Object.keys(expressionFunctions).join(', ');
      this.fail(`unknown function '${name.value}' (available: ${known})`, name.pos);
    }
    this.next();
    const args = this.parseList(')', 'arguments');
    const spec = expressionFunctions[name.value]!;
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const wanted =
        spec.minArgs === spec.maxArgs
          ? `${spec.minArgs}`
          : spec.maxArgs === Infinity
            ? `at least ${spec.minArgs}`
            : `${spec.minArgs} to ${spec.maxArgs}`;
      this.fail(`${name.value}() takes ${wanted} argument(s), got ${args.length}`, name.pos);
    }
    return { kind: 'call', fn: name.value, args, pos: name.pos };
  }

  /** Comma-separated expressions up to `close`; a trailing comma is fine. */
  parseList(close: string, what: string): Ast[] {
    const items: Ast[] = [];
    while (!this.isPunct(close)) {
      items.push(this.parse(0));
      if (!this.isPunct(close)) this.expect(',', `between ${what}`);
    }
    this.next();
    return items;
  }

  parseObject(pos: number): Ast {
    const entries: Array<{ key: string; value: Ast }> = [];
    while (!this.isPunct('}')) {
      const key = this.next();
      if (key.type !== 'name' && key.type !== 'string')
        this.fail(`expected a key, found ${describe(key)}`, key.pos);
      const name = key.type === 'string' ? String(key.literal) : key.value;
      this.checkProperty(name, key.pos);
      this.expect(':', `after the key '${name}'`);
      entries.push({ key: name, value: this.parse(0) });
      if (!this.isPunct('}')) this.expect(',', 'between entries');
    }
    this.next();
    return { kind: 'object', entries, pos };
  }
}

function describe(t: Token): string {
  return t.type === 'eof' ? 'the end of the expression' : `'${t.value}'`;
}

const cache = new Map<string, ParsedExpression>();
const CACHE_LIMIT = 10_000;

/**
 * Parses one expression (the text between `{{` and `}}`). `offset` is where it starts in the
 * template, for error columns. Results are cached: a workflow's expressions are parsed once.
 */
export function parseExpression(
  source: string,
  options: { offset?: number; maxDepth?: number } = {},
): ParsedExpression {
  const offset = options.offset ?? 0;
  const maxDepth = options.maxDepth ?? defaultExpressionLimits.maxDepth;
  const cacheable = offset === 0 && maxDepth === defaultExpressionLimits.maxDepth;
  if (cacheable) {
    const hit = cache.get(source);
    if (hit) return hit;
  }
  const parser = new Parser(source, offset, maxDepth);
  if (parser.peek().type === 'eof') parser.fail('empty expression', 0);
  const ast = parser.parse(0);
  const rest = parser.peek();
  if (rest.type !== 'eof') parser.fail(`unexpected ${describe(rest)} (missing operator?)`, rest.pos);
  const parsed = { source, offset, ast };
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, parsed);
  }
  return parsed;
}
