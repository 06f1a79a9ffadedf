/**
 * Writes new YAML fragments in the file's own style: block collections with 2-space indentation,
 * the file's habit for `- ` under a key, for `{ padded }` flow maps and for the quote it prefers.
 * Fragments start at column 0; the patcher indents their continuation lines.
 */
import { Document, isMap, isScalar, type Scalar, stringify, visit } from 'yaml';

/**
 * How a new collection is written: `flow` on one line (its siblings are), `block` (its siblings are),
 * or `auto`: block, with small flat maps under a key on one line (`with: { a: 1 }`, `n1: { x: 0, y: 0 }`).
 */
export type EmitMode = 'flow' | 'block' | 'auto';

/** The habits of one file that new text should follow. */
export interface EmitStyle {
  indentSeq: boolean;
  mapPadding: boolean;
  seqPadding: boolean;
  singleQuote: boolean;
}

/** Reads the file's habits from its text (defaults: indented lists, `{ a: 1 }`, `[a, b]`, double quotes). */
export function detectStyle(text: string): EmitStyle {
  const seq = /^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /m.exec(text);
  const map = /:[ \t]+\{( ?)[^ }\n]/.exec(text);
  const list = /:[ \t]+\[( ?)[^ \]\n]/.exec(text);
  const singles = text.match(/:[ \t]+'/g)?.length ?? 0;
  const doubles = text.match(/:[ \t]+"/g)?.length ?? 0;
  return {
    indentSeq: seq ? (seq[2] as string).length > (seq[1] as string).length : true,
    mapPadding: map ? map[1] === ' ' : true,
    seqPadding: list ? list[1] === ' ' : false,
    singleQuote: singles > doubles,
  };
}

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function singleQuoteOk(s: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what single quotes cannot hold
  return !/[\u0000-\u001f\u007f-\u009f\ufeff]/.test(s);
}

function plainOk(s: string, inFlow: boolean): boolean {
  if (s === '' || s.includes('\n')) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  return stringify(s, { lineWidth: 0 }) === `${s}\n`;
}

/**
 * A scalar on one line. `keep` is the style of the scalar being replaced (a quoted value stays quoted
 * the same way). Returns null for a multi-line string in block context: that one becomes a `|` block.
 */
export function inlineScalar(
  value: unknown,
  style: EmitStyle,
  inFlow: boolean,
  keep?: Scalar.Type,
): string | null {
  if (!isPrimitive(value)) throw new Error('yaml-emit: inlineScalar needs a string, number, boolean or null');
  if (typeof value !== 'string') return value === null ? 'null' : stringify(value).trimEnd();
  if (keep === 'QUOTE_DOUBLE') return doubleQuoted(value);
  if (keep === 'QUOTE_SINGLE' && singleQuoteOk(value)) return `'${value.replaceAll("'", "''")}'`;
  if (plainOk(value, inFlow)) return value;
  if (value.includes('\n') && !inFlow && keep !== 'QUOTE_SINGLE') return null;
  return style.singleQuote && singleQuoteOk(value) ? `'${value.replaceAll("'", "''")}'` : doubleQuoted(value);
}

/** A value in flow style on one line: `{ x: 1, y: 2 }`, `[a, b]`. */
export function flowText(value: unknown, style: EmitStyle): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = value.map((v) => flowText(v, style)).join(', ');
    return style.seqPadding ? `[ ${inner} ]` : `[${inner}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = entries
      .map(([k, v]) => `${inlineScalar(k, style, true)}: ${flowText(v, style)}`)
      .join(', ');
    return style.mapPadding ? `{ ${inner} }` : `{${inner}}`;
  }
  return inlineScalar(value, style, true) as string;
}

function blockText(value: unknown, style: EmitStyle, mode: EmitMode): string {
  const options = {
    indent: 2,
    indentSeq: style.indentSeq,
    lineWidth: 0,
    minContentWidth: 0,
    singleQuote: style.singleQuote,
    flowCollectionPadding: style.mapPadding,
  };
  const doc = new Document(value);
  if (mode === 'auto') {
    visit(doc, {
      Pair(_, pair) {
        const v = pair.value;
        if (isMap(v) && v.items.length > 0 && v.items.length <= 4 && v.items.every((p) => isScalar(p.value)))
          v.flow = true;
      },
    });
  }
  return doc.toString(options).replace(/\n$/, '');
}

function isEmptyCollection(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

/** What follows a key's `:` for `value`: ` inline`, or a newline and block lines (relative to the key at column 0). */
export function pairValueText(value: unknown, style: EmitStyle, mode: EmitMode): string {
  return afterMarker(value, style, mode, { k: value }, 'k:');
}

/** What follows a list item's `-` for `value` (continuation lines relative to the dash at column 0). */
export function itemValueText(value: unknown, style: EmitStyle, mode: EmitMode): string {
  return afterMarker(value, style, mode, [value], '-');
}

// Inline when the value fits on the marker's line; else the block text of a one-entry `holder`
// (a map or a list around the value) without its marker, so the value's lines keep their indent.
function afterMarker(
  value: unknown,
  style: EmitStyle,
  mode: EmitMode,
  holder: unknown,
  marker: string,
): string {
  if (isPrimitive(value)) {
    const inline = inlineScalar(value, style, false);
    if (inline !== null) return ` ${inline}`;
  } else if (mode === 'flow' || isEmptyCollection(value)) {
    return ` ${flowText(value, style)}`;
  }
  return blockText(holder, style, mode).slice(marker.length);
}

/** A whole `key: value` entry for a block map. */
export function pairText(key: string, value: unknown, style: EmitStyle, mode: EmitMode): string {
  return `${inlineScalar(key, style, false) ?? doubleQuoted(key)}:${pairValueText(value, style, mode)}`;
}
