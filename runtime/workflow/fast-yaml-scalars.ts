/**
 * Scalars and one-line flow collections for the fast YAML reader (see fast-yaml.ts). Anything outside
 * the plain, common subset throws `BAIL`, and the caller falls back to the yaml library.
 */
import { Schema } from 'yaml';

/** Thrown (never caught outside the fast reader) when the text needs the full YAML parser. */
export const BAIL: unique symbol = Symbol('bail');

// The yaml library's own core-schema tags, so `3`, `0x1f`, `.inf`, `~`, `True` resolve exactly as it does.
const SCALAR_TAGS = new Schema({ merge: true }).tags
  .filter((t) => t.default === true && t.test && t.resolve)
  .map((t) => ({ test: t.test!, resolve: t.resolve as unknown as ResolveScalar }));
const RESOLVE_OPTIONS = { intAsBigInt: false };

type ResolveScalar = (source: string, onError: (message: string) => void, options: object) => unknown;

/** A key of a block or flow mapping: only plain names that stay strings, nothing the library treats specially. */
const PLAIN_KEY = /^[A-Za-z0-9_$./][A-Za-z0-9_$./@+-]*$/;

/** Throws `BAIL`: the text is valid-looking YAML this reader does not handle. */
export function bail(): never {
  throw BAIL;
}

/** The value of a plain scalar, resolved by the core schema as the yaml library does. */
export function resolvePlain(source: string): unknown {
  const first = source.charCodeAt(0);
  // Only digits, signs, dots, `~` and n/N/t/T/f/F can start a non-string; skip the regexes otherwise.
  if (
    !(
      first <= 57 ||
      first === 126 ||
      first === 110 ||
      first === 78 ||
      first === 116 ||
      first === 84 ||
      first === 102 ||
      first === 70
    )
  )
    return source;
  for (const tag of SCALAR_TAGS) {
    if (!tag.test.test(source)) continue;
    const value = tag.resolve(source, bail, RESOLVE_OPTIONS);
    return typeof value === 'object' && value !== null && 'value' in value
      ? (value as { value: unknown }).value
      : value;
  }
  return source;
}

/** A mapping key written plainly: a name that resolves to a string and is not `<<` or `__proto__`. */
export function plainKey(source: string): string {
  if (source.length > 1024 || !PLAIN_KEY.test(source) || source === '__proto__') bail();
  if (typeof resolvePlain(source) !== 'string') bail();
  return source;
}

/** A single-line double-quoted scalar starting at `line[start] === '"'`; returns it and the index after it. */
export function doubleQuoted(line: string, start: number): [string, number] {
  const end = line.indexOf('"', start + 1);
  if (end < 0) bail();
  // Looks for a backslash only up to the closing quote: searching the whole line for each string
  // would be quadratic on a long one-line flow of strings.
  const plain = line.slice(start + 1, end);
  if (!plain.includes('\\')) return [plain, end + 1];
  let out = '';
  let i = start + 1;
  for (;;) {
    const c = line[i];
    if (c === undefined) bail();
    if (c === '"') return [out, i + 1];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = line[i + 1];
    const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === 'x' || e === 'u') {
      const digits = line.slice(i + 2, i + (e === 'x' ? 4 : 6));
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (e === 'x' ? 2 : 4)) bail();
      out += String.fromCharCode(Number.parseInt(digits, 16));
      i += 2 + digits.length;
    } else bail();
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};

/** A single-line single-quoted scalar (`''` is a quote); returns it and the index after it. */
export function singleQuoted(line: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  for (;;) {
    const end = line.indexOf("'", i);
    if (end < 0) bail();
    out += line.slice(i, end);
    if (line[end + 1] !== "'") return [out, end + 1];
    out += "'";
    i = end + 2;
  }
}

/** True for characters that cannot start a plain scalar (or need the full parser when they do). */
export function isIndicator(c: string | undefined): boolean {
  return c !== undefined && '&*!|>\'"%@`,[]{}#'.includes(c);
}

/** A one-line flow collection (`{ a: 1, b: [x, y] }`) starting at `line[start]`; returns it and the index after it. */
export function flowCollection(
  line: string,
  start: number,
  depth: number,
  maxDepth: number,
): [unknown, number] {
  if (depth > maxDepth) bail();
  const isMap = line[start] === '{';
  const close = isMap ? '}' : ']';
  const out: unknown = isMap ? {} : [];
  let i = skipSpaces(line, start + 1);
  if (line[i] === close) return [out, i + 1];
  for (;;) {
    if (isMap) {
      let key: string;
      if (line[i] === '"' || line[i] === "'") {
        [key, i] = line[i] === '"' ? doubleQuoted(line, i) : singleQuoted(line, i);
        if (key === '__proto__') bail();
        i = skipSpaces(line, i);
        if (line[i] !== ':') bail();
        i++;
      } else {
        const colon = line.indexOf(': ', i);
        if (colon < 0) bail();
        key = plainKey(line.slice(i, colon));
        i = colon + 1;
      }
      if (Object.hasOwn(out as object, key)) bail();
      const [value, next] = flowValue(line, skipSpaces(line, i), depth, maxDepth);
      (out as Record<string, unknown>)[key] = value;
      i = next;
    } else {
      const [value, next] = flowValue(line, i, depth, maxDepth);
      (out as unknown[]).push(value);
      i = next;
    }
    i = skipSpaces(line, i);
    if (line[i] === close) return [out, i + 1];
    if (line[i] !== ',') bail();
    i = skipSpaces(line, i + 1);
    if (line[i] === close || line[i] === ',') bail(); // trailing or empty entries
  }
}

/** One value inside a flow collection; the next character must end the entry. */
function flowValue(line: string, i: number, depth: number, maxDepth: number): [unknown, number] {
  const c = line[i];
  let result: [unknown, number];
  if (c === '"') result = doubleQuoted(line, i);
  else if (c === "'") result = singleQuoted(line, i);
  else if (c === '{' || c === '[') result = flowCollection(line, i, depth + 1, maxDepth);
  else {
    if (
      c === undefined ||
      isIndicator(c) ||
      ((c === '-' || c === '?' || c === ':') && ' ,]}'.includes(line[i + 1] ?? ' '))
    )
      bail();
    let end = i;
    for (; end < line.length; end++) {
      const ch = line[end];
      if (ch === ',' || ch === ']' || ch === '}') break;
      if (ch === '[' || ch === '{' || ch === '#' || (ch === ':' && ' ,]}'.includes(line[end + 1] ?? ' ')))
        bail();
    }
    const source = line.slice(i, end).trimEnd();
    if (source === '') bail();
    result = [resolvePlain(source), end];
  }
  const after = line[skipSpaces(line, result[1])];
  if (after !== ',' && after !== ']' && after !== '}') bail();
  return result;
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}
