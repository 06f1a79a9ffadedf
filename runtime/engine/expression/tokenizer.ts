/** Splits an expression into tokens: numbers, strings, names and punctuation. */
import { ExpressionError } from './expression-error.ts';

/** What kind of token. `name` covers identifiers and the keywords true/false/null/in. */
export type TokenType = 'number' | 'string' | 'name' | 'punct' | 'eof';

/** One token; `pos` is its 0-based offset in the expression text. */
export interface Token {
  type: TokenType;
  value: string;
  /** The parsed value of a number or string literal. */
  literal?: number | string;
  pos: number;
}

/** Punctuation, longest first so `??` wins over `?` and `<=` over `<`. */
const PUNCTUATION = [
  '??',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

/**
 * Tokenizes `source`. `offset` is where the expression starts in the text the builder wrote, so
 * columns in errors point into the whole template string.
 */
export function tokenize(source: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const fail = (problem: string, pos: number): never => {
    throw new ExpressionError('expression-syntax', problem, source, offset + pos + 1);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      while (isDigit(source[i] ?? '')) i++;
      if (source[i] === '.' && isDigit(source[i + 1] ?? '')) {
        i++;
        while (isDigit(source[i] ?? '')) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        const save = i;
        i++;
        if (source[i] === '+' || source[i] === '-') i++;
        if (!isDigit(source[i] ?? '')) i = save;
        else while (isDigit(source[i] ?? '')) i++;
      }
      if (isNameStart(source[i] ?? '')) fail(`unexpected '${source[i]}' after a number`, i);
      const text = source.slice(start, i);
      tokens.push({ type: 'number', value: text, literal: Number(text), pos: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let text = '';
      for (;;) {
        if (i >= source.length) fail('unterminated string', start);
        const ch = source[i]!;
        if (ch === c) break;
        if (ch === '\\') {
          const next = source[i + 1];
          if (next === undefined) fail('unterminated string', start);
          if (next === 'u') {
            const hex = source.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape (expected 4 hex digits)', i);
            text += String.fromCharCode(Number.parseInt(hex, 16));
            i += 6;
            continue;
          }
          text += ESCAPES[next!] ?? next;
          i += 2;
          continue;
        }
        text += ch;
        i++;
      }
      i++;
      tokens.push({ type: 'string', value: source.slice(start, i), literal: text, pos: start });
      continue;
    }
    if (isNameStart(c)) {
      while (isNameStart(source[i] ?? '') || isDigit(source[i] ?? '')) i++;
      tokens.push({ type: 'name', value: source.slice(start, i), pos: start });
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) {
      const hint = c === '=' ? " (use '==' to compare)" : c === '&' || c === '|' ? ` (use '${c}${c}')` : '';
      fail(`unexpected character '${c}'${hint}`, i);
    }
    tokens.push({ type: 'punct', value: punct!, pos: start });
    i += punct!.length;
  }
  tokens.push({ type: 'eof', value: '', pos: source.length });
  return tokens;
}
