/** Splits a template string into literal text and `{{ expression }}` parts, and caches the result. */
import type { ParsedExpression } from './ast.ts';
import { ExpressionError } from './expression-error.ts';
import { parseExpression } from './parser.ts';

/** A parsed template string. `raw` is set when the whole string is one expression (its value is kept as is). */
export interface ParsedTemplate {
  parts: Array<string | ParsedExpression>;
  raw: ParsedExpression | undefined;
}

/** Finds the `}}` that closes the `{{` at `open`, skipping strings and nested object literals. */
function findClose(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
  }
  throw new ExpressionError('expression-syntax', "'{{' is never closed with '}}'", text, open + 1, true);
}

function parseUncached(text: string): ParsedTemplate | undefined {
  let open = text.indexOf('{{');
  if (open < 0) return undefined;
  const parts: Array<string | ParsedExpression> = [];
  let from = 0;
  while (open >= 0) {
    if (open > from) parts.push(text.slice(from, open));
    const close = findClose(text, open);
    parts.push(parseExpression(text.slice(open + 2, close), { offset: open + 2 }));
    from = close + 2;
    open = text.indexOf('{{', from);
  }
  if (from < text.length) parts.push(text.slice(from));
  const expressions = parts.filter((p) => typeof p !== 'string');
  const onlyBlankText = parts.every((p) => typeof p !== 'string' || p.trim() === '');
  const raw = expressions.length === 1 && onlyBlankText ? expressions[0] : undefined;
  return { parts, raw };
}

const cache = new Map<string, ParsedTemplate | null>();
const CACHE_LIMIT = 10_000;

/** Parses a template string; `undefined` when it holds no `{{`. Throws a syntax error with the column. */
export function parseTemplate(text: string): ParsedTemplate | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}
