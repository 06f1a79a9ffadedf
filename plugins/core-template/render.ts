/**
 * A small Mustache dialect with `[[ ]]` delimiters, because the engine already evaluates `{{ }}` in
 * `with:` before the node runs. Supports `[[name]]`, `[[a.b]]`, `[[name | fallback]]`, `[[.]]`,
 * sections `[[#list]]...[[/list]]`, inverted sections `[[^list]]...[[/list]]`, comments `[[! ... ]]`,
 * and inside lists `[[@index]]` (0-based), `[[@number]]` (1-based), `[[@first]]`, `[[@last]]`.
 */
import { UserError } from '../../runtime/workflow/errors.ts';

/** A parsed piece of a template. */
type Token =
  | { type: 'text'; value: string }
  | { type: 'var'; name: string; fallback?: string }
  | { type: 'section'; name: string; inverted: boolean; children: Token[] };

/** One level of the lookup stack: a value, plus loop facts when it is a list item. */
interface Frame {
  value: unknown;
  loop?: { index: number; length: number };
}

/** Options for rendering. */
export interface RenderOptions {
  escape?: 'none' | 'html';
  strict?: boolean;
}

const TAG = /\[\[\s*([#^/!]?)\s*([\s\S]*?)\s*\]\]/g;

/** Parses a template into a tree, removing lines that hold only a section or comment tag. */
export function parseTemplate(template: string): Token[] {
  const root: Token[] = [];
  const stack: Array<{ name: string; children: Token[] }> = [{ name: '', children: root }];
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const [whole, sigil = '', body = ''] = match;
    let start = match.index;
    let end = start + whole.length;
    if (sigil !== '') {
      // Standalone tag: only whitespace around it on its line, so the line disappears (as in Mustache).
      const lineStart = template.lastIndexOf('\n', start - 1) + 1;
      const after = /^[ \t]*(\r?\n|$)/.exec(template.slice(end));
      if (after && /^[ \t]*$/.test(template.slice(Math.max(lineStart, last), start)) && lineStart >= last) {
        start = lineStart;
        end += after[0].length;
      }
    }
    const children = stack.at(-1)!.children;
    if (start > last) children.push({ type: 'text', value: template.slice(last, start) });
    last = end;
    if (sigil === '!') continue;
    if (sigil === '#' || sigil === '^') {
      const section: Token = { type: 'section', name: body, inverted: sigil === '^', children: [] };
      children.push(section);
      stack.push({ name: body, children: section.children });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== body) {
        throw new UserError(
          'invalid-template',
          `template: [[/${body}]] closes ${open && stack.length > 0 ? `[[#${open.name}]]` : 'nothing'}`,
        );
      }
    } else {
      const bar = body.indexOf('|');
      children.push(
        bar < 0
          ? { type: 'var', name: body }
          : { type: 'var', name: body.slice(0, bar).trim(), fallback: body.slice(bar + 1).trim() },
      );
    }
  }
  if (stack.length > 1)
    throw new UserError('invalid-template', `template: [[#${stack.at(-1)!.name}]] is never closed`);
  if (last < template.length) root.push({ type: 'text', value: template.slice(last) });
  return root;
}

/** Looks a name up the stack: `.`, `@index`-style loop facts, or a dotted path whose head the nearest frame owns. */
function lookup(name: string, stack: Frame[]): { found: boolean; value: unknown } {
  const top = stack.at(-1)!;
  if (name === '.') return { found: true, value: top.value };
  if (name.startsWith('@')) {
    const loop = [...stack].reverse().find((f) => f.loop)?.loop;
    if (!loop) return { found: false, value: undefined };
    const facts: Record<string, unknown> = {
      '@index': loop.index,
      '@number': loop.index + 1,
      '@first': loop.index === 0,
      '@last': loop.index === loop.length - 1,
    };
    return { found: name in facts, value: facts[name] };
  }
  const [head = '', ...rest] = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    const value = stack[i]!.value;
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, head)) {
      let current: unknown = (value as Record<string, unknown>)[head];
      for (const key of rest) {
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key))
          return { found: false, value: undefined };
        current = (current as Record<string, unknown>)[key];
      }
      return { found: true, value: current };
    }
  }
  return { found: false, value: undefined };
}

/** Text for a value: lists join with ", ", objects as JSON, null/undefined as ''. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Falsy for sections: false, null, undefined, '', 0 and empty lists. */
function isEmpty(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

/** Renders a template against data; returns the text and the names that had no value. */
export function renderTemplate(
  template: string,
  data: unknown,
  options: RenderOptions = {},
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const escapeText =
    options.escape === 'html' ? (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c]!) : (s: string) => s;

  const renderTokens = (tokens: Token[], stack: Frame[]): string => {
    let out = '';
    for (const token of tokens) {
      if (token.type === 'text') out += token.value;
      else if (token.type === 'var') {
        const { found, value } = lookup(token.name, stack);
        if ((!found || value === null || value === undefined || value === '') && token.fallback !== undefined)
          out += token.fallback;
        else {
          if (!found) missing.add(token.name);
          out += escapeText(show(value));
        }
      } else {
        const { value } = lookup(token.name, stack);
        if (token.inverted) {
          if (isEmpty(value)) out += renderTokens(token.children, stack);
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => {
            out += renderTokens(token.children, [
              ...stack,
              { value: item, loop: { index, length: value.length } },
            ]);
          });
        } else if (!isEmpty(value)) {
          out += renderTokens(token.children, typeof value === 'object' ? [...stack, { value }] : stack);
        }
      }
    }
    return out;
  };

  const text = renderTokens(parseTemplate(template), [{ value: data }]);
  if (options.strict && missing.size > 0) {
    throw new UserError(
      'missing-value',
      `template: no value for ${[...missing].map((n) => `[[${n}]]`).join(', ')}`,
    );
  }
  return { text, missing: [...missing] };
}
