/**
 * Evaluates a parsed expression against a scope of plain data. It walks the tree itself: property
 * reads go through own-property checks, calls only reach the whitelist, and every step is counted.
 */
import { type Ast, FORBIDDEN_PROPERTIES, type ParsedExpression } from './ast.ts';
import { ExpressionError, type ExpressionErrorCode } from './expression-error.ts';
import { expressionFunctions, type FunctionContext } from './functions.ts';
import { type ExpressionLimits, resolveLimits } from './limits.ts';
import { parseExpression } from './parser.ts';
import { parseTemplate } from './template-parts.ts';
import { deepEqual, isRecord, isTruthy, toText, typeName } from './values.ts';

/** The names an expression can see, e.g. `{ inputs, vars, nodes, run, item, index, output }`. */
export type ExpressionScope = Record<string, unknown>;

/** Functions are never data: a function found in the scope reads as null. */
function data(value: unknown): unknown {
  return typeof value === 'function' ? undefined : value;
}

class Evaluation {
  steps = 0;
  budget: number;
  readonly limits: Required<ExpressionLimits>;
  readonly parsed: ParsedExpression;
  readonly scope: ExpressionScope;

  constructor(parsed: ParsedExpression, scope: ExpressionScope, limits: Required<ExpressionLimits>) {
    this.parsed = parsed;
    this.scope = scope;
    this.limits = limits;
    this.budget = limits.maxResultBytes;
  }

  fail(code: ExpressionErrorCode, problem: string, pos?: number): never {
    const column = pos === undefined ? undefined : this.parsed.offset + pos + 1;
    throw new ExpressionError(code, problem, this.parsed.source, column);
  }

  charge(steps: number): void {
    this.steps += steps;
    if (this.steps > this.limits.maxSteps)
      this.fail('expression-limit', `more than ${this.limits.maxSteps} evaluation steps`);
  }

  text(value: string): string {
    if (value.length > this.limits.maxStringLength) {
      this.fail('expression-limit', `text longer than ${this.limits.maxStringLength} characters`);
    }
    this.budget -= value.length;
    if (this.budget < 0)
      this.fail('expression-limit', `result larger than ${this.limits.maxResultBytes} bytes`);
    return value;
  }

  list<T>(value: T[]): T[] {
    this.budget -= value.length;
    if (this.budget < 0)
      this.fail('expression-limit', `result larger than ${this.limits.maxResultBytes} bytes`);
    return value;
  }

  number(value: unknown, op: string, pos: number): number {
    if (typeof value !== 'number')
      this.fail('expression-error', `'${op}' needs numbers, got ${typeName(value)}`, pos);
    return value as number;
  }

  finite(value: number, pos: number): number {
    if (!Number.isFinite(value)) this.fail('expression-error', 'result is not a finite number', pos);
    return value;
  }

  property(object: unknown, key: unknown, pos: number): unknown {
    if (typeof key !== 'string' && typeof key !== 'number') {
      this.fail('expression-error', `an index must be text or a number, got ${typeName(key)}`, pos);
    }
    if (typeof key === 'string' && FORBIDDEN_PROPERTIES.has(key))
      this.fail('expression-error', `property '${key}' is not accessible`, pos);
    if (object === null || object === undefined) return undefined;
    if (typeof object === 'string' || Array.isArray(object)) {
      if (key === 'length') return object.length;
      const index = typeof key === 'number' ? key : /^\d+$/.test(key as string) ? Number(key) : -1;
      return Number.isInteger(index) && index >= 0 ? data(object[index]) : undefined;
    }
    if (typeof object === 'object' && Object.hasOwn(object, key))
      return data((object as Record<string | number, unknown>)[key]);
    return undefined;
  }

  evaluate(node: Ast, depth: number): unknown {
    if (++this.steps > this.limits.maxSteps)
      this.fail('expression-limit', `more than ${this.limits.maxSteps} evaluation steps`);
    if (depth > this.limits.maxDepth)
      this.fail('expression-limit', `nesting deeper than ${this.limits.maxDepth} levels`, node.pos);
    const d = depth + 1;
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'name':
        if (!Object.hasOwn(this.scope, node.name)) {
          this.fail(
            'expression-error',
            `unknown name '${node.name}' (available: ${Object.keys(this.scope).join(', ')})`,
            node.pos,
          );
        }
        return data(this.scope[node.name]);
      // Left operands and member chains keep the depth: `a + b + c` and `a.b.c` are long, not nested.
      case 'member':
        return this.property(this.evaluate(node.object, depth), node.property, node.pos);
      case 'index':
        return this.property(this.evaluate(node.object, depth), this.evaluate(node.index, d), node.index.pos);
      case 'call':
        return this.call(node, d);
      case 'unary': {
        const value = this.evaluate(node.arg, d);
        return node.op === '!' ? !isTruthy(value) : -this.number(value, '-', node.pos);
      }
      case 'logical': {
        const left = this.evaluate(node.left, depth);
        if (node.op === '&&') return isTruthy(left) ? this.evaluate(node.right, d) : left;
        if (node.op === '||') return isTruthy(left) ? left : this.evaluate(node.right, d);
        return left === null || left === undefined ? this.evaluate(node.right, d) : left;
      }
      case 'conditional':
        return isTruthy(this.evaluate(node.test, d))
          ? this.evaluate(node.then, d)
          : this.evaluate(node.otherwise, d);
      case 'binary':
        return this.binary(node.op, this.evaluate(node.left, depth), this.evaluate(node.right, d), node.pos);
      case 'array':
        return this.list(node.items.map((item) => this.evaluate(item, d)));
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const entry of node.entries) result[entry.key] = this.evaluate(entry.value, d);
        this.list(node.entries);
        return result;
      }
    }
  }

  call(node: Extract<Ast, { kind: 'call' }>, depth: number): unknown {
    const spec = expressionFunctions[node.fn]!;
    const args = node.args.map((arg) => this.evaluate(arg, depth));
    const ctx: FunctionContext = {
      charge: (steps) => this.charge(Math.floor(steps)),
      text: (value) => this.text(value),
      list: (value) => this.list(value),
      fail: (problem) => this.fail('expression-error', `${node.fn}(): ${problem}`, node.pos),
    };
    try {
      return spec.call(args, ctx);
    } catch (error) {
      if (error instanceof ExpressionError) throw error;
      return this.fail('expression-error', `${node.fn}(): ${(error as Error).message}`, node.pos);
    }
  }

  binary(op: string, a: unknown, b: unknown, pos: number): unknown {
    switch (op) {
      case '==':
        return deepEqual(a, b);
      case '!=':
        return !deepEqual(a, b);
      case '+':
        if (typeof a === 'number' && typeof b === 'number') return this.finite(a + b, pos);
        if (typeof a === 'string' || typeof b === 'string') {
          if (isRecord(a) || isRecord(b) || Array.isArray(a) || Array.isArray(b)) {
            this.fail(
              'expression-error',
              `cannot add ${typeName(a)} and ${typeName(b)} (use json() or join())`,
              pos,
            );
          }
          return this.text(toText(a) + toText(b));
        }
        if (Array.isArray(a) && Array.isArray(b)) return this.list([...a, ...b]);
        return this.fail('expression-error', `cannot add ${typeName(a)} and ${typeName(b)}`, pos);
      case '-':
        return this.finite(this.number(a, op, pos) - this.number(b, op, pos), pos);
      case '*':
        return this.finite(this.number(a, op, pos) * this.number(b, op, pos), pos);
      case '/':
      case '%': {
        const x = this.number(a, op, pos);
        const y = this.number(b, op, pos);
        if (y === 0) this.fail('expression-error', 'division by zero', pos);
        return this.finite(op === '/' ? x / y : x % y, pos);
      }
      case 'in':
        if (typeof b === 'string') return typeof a === 'string' && b.includes(a);
        if (Array.isArray(b)) {
          this.charge(b.length / 100);
          return b.some((item) => deepEqual(item, a));
        }
        if (isRecord(b)) return typeof a === 'string' && Object.hasOwn(b, a);
        if (b === null || b === undefined) return false;
        return this.fail(
          'expression-error',
          `'in' needs text, a list or an object on its right, got ${typeName(b)}`,
          pos,
        );
      default: {
        const bothNumbers = typeof a === 'number' && typeof b === 'number';
        if (!bothNumbers && !(typeof a === 'string' && typeof b === 'string')) {
          this.fail(
            'expression-error',
            `cannot compare ${typeName(a)} with ${typeName(b)} using '${op}'`,
            pos,
          );
        }
        const x = a as number | string;
        const y = b as number | string;
        return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
      }
    }
  }
}

/** Evaluates an already parsed expression. */
export function evaluateParsed(
  parsed: ParsedExpression,
  scope: ExpressionScope,
  limits?: ExpressionLimits,
): unknown {
  try {
    return new Evaluation(parsed, scope, resolveLimits(limits)).evaluate(parsed.ast, 0);
  } catch (error) {
    // A very long chain can still exhaust the stack before the step limit: report it as a limit.
    if (error instanceof RangeError)
      throw new ExpressionError('expression-limit', 'expression too long to evaluate', parsed.source);
    throw error;
  }
}

/**
 * Evaluates one expression: `len(inputs.items) > 0`, or the same wrapped as `{{ ... }}`. Text around
 * `{{ }}` makes it a template, whose result is text.
 */
export function evaluateExpression(
  expression: string,
  scope: ExpressionScope,
  limits?: ExpressionLimits,
): unknown {
  const template = parseTemplate(expression);
  if (!template)
    return evaluateParsed(parseExpression(expression, { maxDepth: limits?.maxDepth }), scope, limits);
  if (template.raw) return evaluateParsed(template.raw, scope, limits);
  return interpolate(template.parts, scope, resolveLimits(limits));
}

/** Joins text parts and evaluated expressions into one string (objects as JSON, null as empty). */
export function interpolate(
  parts: Array<string | ParsedExpression>,
  scope: ExpressionScope,
  limits: Required<ExpressionLimits>,
): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = evaluateParsed(part, scope, limits);
    try {
      out += toText(value);
    } catch (error) {
      throw new ExpressionError(
        'expression-error',
        `cannot turn the value into text: ${(error as Error).message}`,
        part.source,
      );
    }
    if (out.length > limits.maxStringLength) {
      throw new ExpressionError(
        'expression-limit',
        `text longer than ${limits.maxStringLength} characters`,
        part.source,
      );
    }
  }
  return out;
}
