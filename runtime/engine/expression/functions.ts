/**
 * The fixed whitelist of pure functions an expression may call. Each one checks its arguments and
 * reports the work it does so the step limit covers collection-sized work, not just operators.
 */
import { deepEqual, isRecord, toText, typeName } from './values.ts';

/** What a function may ask of the running evaluation. */
export interface FunctionContext {
  /** Adds work to the step count (throws past the limit). */
  charge(steps: number): void;
  /** Checks and counts a string the function built. */
  text(value: string): string;
  /** Checks and counts a list the function built. */
  list<T>(value: T[]): T[];
  /** Throws an expression error naming the function. */
  fail(problem: string): never;
}

/** One whitelisted function with its argument count and a line for autocomplete. */
export interface ExpressionFunction {
  minArgs: number;
  maxArgs: number;
  doc: string;
  call(args: unknown[], ctx: FunctionContext): unknown;
}

function str(value: unknown, ctx: FunctionContext, what = 'text'): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return ctx.fail(`expected ${what}, got ${typeName(value)}`);
}

function list(value: unknown, ctx: FunctionContext): unknown[] {
  if (Array.isArray(value)) {
    ctx.charge(value.length / 100);
    return value;
  }
  if (value === null || value === undefined) return [];
  return ctx.fail(`expected a list, got ${typeName(value)}`);
}

function num(value: unknown, ctx: FunctionContext): number {
  if (typeof value === 'number') return value;
  return ctx.fail(`expected a number, got ${typeName(value)}`);
}

/** Numbers from either one list argument or several arguments: `max(a, b)` and `max(list)` both work. */
function numbers(args: unknown[], ctx: FunctionContext): number[] {
  const items = args.length === 1 && Array.isArray(args[0]) ? list(args[0], ctx) : args;
  return items.map((v) => num(v, ctx));
}

function contains(haystack: unknown, needle: unknown, ctx: FunctionContext): boolean {
  if (typeof haystack === 'string') return haystack.includes(str(needle, ctx));
  if (Array.isArray(haystack)) return list(haystack, ctx).some((item) => deepEqual(item, needle));
  if (isRecord(haystack)) return typeof needle === 'string' && Object.hasOwn(haystack, needle);
  if (haystack === null || haystack === undefined) return false;
  return ctx.fail(`cannot look inside ${typeName(haystack)}`);
}

function fn(
  minArgs: number,
  maxArgs: number,
  doc: string,
  call: ExpressionFunction['call'],
): ExpressionFunction {
  return { minArgs, maxArgs, doc, call };
}

/** Every function an expression may call, by name. A null prototype so `constructor` is never a name here. */
export const expressionFunctions: Readonly<Record<string, ExpressionFunction>> = Object.assign(
  Object.create(null),
  {
    len: fn(1, 1, 'len(x): length of a text or list, number of keys of an object', ([x], ctx) => {
      if (typeof x === 'string' || Array.isArray(x)) return x.length;
      if (isRecord(x)) return Object.keys(x).length;
      if (x === null || x === undefined) return 0;
      return ctx.fail(`cannot take the length of ${typeName(x)}`);
    }),
    lower: fn(1, 1, 'lower(text): lower case', ([s], ctx) => str(s, ctx).toLowerCase()),
    upper: fn(1, 1, 'upper(text): upper case', ([s], ctx) => str(s, ctx).toUpperCase()),
    trim: fn(1, 1, 'trim(text): without surrounding spaces', ([s], ctx) => str(s, ctx).trim()),
    contains: fn(
      2,
      2,
      'contains(textOrList, value): true when the text has the substring / the list has the value / the object has the key',
      ([h, n], ctx) => contains(h, n, ctx),
    ),
    includes: fn(2, 2, 'includes(textOrList, value): same as contains', ([h, n], ctx) => contains(h, n, ctx)),
    startsWith: fn(2, 2, 'startsWith(text, prefix)', ([s, p], ctx) => str(s, ctx).startsWith(str(p, ctx))),
    endsWith: fn(2, 2, 'endsWith(text, suffix)', ([s, p], ctx) => str(s, ctx).endsWith(str(p, ctx))),
    join: fn(1, 2, "join(list, separator = ','): the items as one text", ([l, sep], ctx) => {
      const items = list(l, ctx);
      return ctx.text(items.map(toText).join(sep === undefined ? ',' : str(sep, ctx)));
    }),
    split: fn(2, 2, 'split(text, separator): a list of parts', ([s, sep], ctx) => {
      const text = str(s, ctx);
      ctx.charge(text.length / 100);
      return ctx.list(text.split(str(sep, ctx)));
    }),
    keys: fn(1, 1, 'keys(object): its keys', ([o], ctx) =>
      isRecord(o) ? ctx.list(Object.keys(o)) : ctx.list(list(o, ctx).map((_, i) => i)),
    ),
    values: fn(1, 1, 'values(object): its values', ([o], ctx) =>
      isRecord(o) ? ctx.list(Object.values(o)) : list(o, ctx),
    ),
    json: fn(1, 2, 'json(value, indent?): the value as JSON text', ([v, indent], ctx) => {
      const space = indent === undefined ? undefined : Math.min(10, Math.max(0, num(indent, ctx)));
      const text = JSON.stringify(v ?? null, null, space) ?? 'null';
      ctx.charge(text.length / 100);
      return ctx.text(text);
    }),
    number: fn(1, 1, 'number(x): x as a number, or null when it is not one', ([x]) => {
      if (typeof x === 'number') return Number.isFinite(x) ? x : null;
      if (typeof x === 'boolean') return x ? 1 : 0;
      if (typeof x !== 'string' || x.trim() === '') return null;
      const n = Number(x);
      return Number.isFinite(n) ? n : null;
    }),
    string: fn(1, 1, 'string(x): x as text (objects as JSON)', ([x], ctx) => ctx.text(toText(x))),
    round: fn(1, 2, 'round(number, digits = 0)', ([x, digits], ctx) => {
      const d = digits === undefined ? 0 : Math.min(15, Math.max(0, Math.trunc(num(digits, ctx))));
      const factor = 10 ** d;
      return Math.round(num(x, ctx) * factor) / factor;
    }),
    min: fn(1, Infinity, 'min(a, b, ...) or min(list): the smallest number, null for none', (args, ctx) => {
      const ns = numbers(args, ctx);
      return ns.length === 0 ? null : ns.reduce((a, b) => Math.min(a, b));
    }),
    max: fn(1, Infinity, 'max(a, b, ...) or max(list): the largest number, null for none', (args, ctx) => {
      const ns = numbers(args, ctx);
      return ns.length === 0 ? null : ns.reduce((a, b) => Math.max(a, b));
    }),
    sum: fn(1, 1, 'sum(list): the total of a list of numbers', ([l], ctx) =>
      list(l, ctx).reduce<number>((t, v) => t + num(v, ctx), 0),
    ),
    default: fn(2, 2, "default(x, fallback): fallback when x is null or ''", ([x, fallback]) =>
      x === null || x === undefined || x === '' ? fallback : x,
    ),
    first: fn(1, 1, 'first(listOrText): the first item', ([x], ctx) =>
      typeof x === 'string' ? x.slice(0, 1) : list(x, ctx)[0],
    ),
    last: fn(1, 1, 'last(listOrText): the last item', ([x], ctx) =>
      typeof x === 'string' ? x.slice(-1) : list(x, ctx).at(-1),
    ),
    now: fn(0, 0, 'now(): the current time as ISO text', () => new Date().toISOString()),
    replace: fn(
      3,
      3,
      'replace(text, search, replacement): every occurrence, plain text (no patterns)',
      ([s, search, by], ctx) => {
        const text = str(s, ctx);
        const find = str(search, ctx);
        if (find === '') return text;
        ctx.charge(text.length / 100);
        return ctx.text(text.split(find).join(str(by, ctx)));
      },
    ),
    slice: fn(2, 3, 'slice(listOrText, start, end?): a part', ([x, start, end], ctx) => {
      const from = num(start, ctx);
      const to = end === undefined || end === null ? undefined : num(end, ctx);
      if (typeof x === 'string') return x.slice(from, to);
      return ctx.list(list(x, ctx).slice(from, to));
    }),
    concat: fn(1, Infinity, 'concat(a, b, ...): joined lists, or joined text', (args, ctx) => {
      if (Array.isArray(args[0]))
        return ctx.list(args.flatMap((a) => (Array.isArray(a) ? list(a, ctx) : [a])));
      return ctx.text(args.map((a) => str(a, ctx)).join(''));
    }),
  },
);
