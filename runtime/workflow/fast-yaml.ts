/**
 * A fast reader for the plain YAML that workflow files are made of: block mappings and sequences,
 * one-line scalars and flow collections, `>`/`|` text blocks, comments. It is several times faster
 * than building the yaml library's Document, which a clean file never needs. It gives up (returns
 * undefined) on anything else — anchors, tags, multi-line flows or quotes, tabs, odd indentation,
 * duplicate keys, deep nesting — and the caller then parses with the yaml library, which reports
 * problems with their positions. What it does return equals the library's `toJS()` result.
 */
import {
  BAIL,
  bail,
  doubleQuoted,
  flowCollection,
  isIndicator,
  plainKey,
  resolvePlain,
  singleQuoted,
} from './fast-yaml-scalars.ts';

// Control characters, tabs, CR, BOM, NEL and Unicode line separators all need the full parser.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
const SPACE = 32;
const HASH = 35;

/** The top-level mapping of `text`, or undefined when the text needs the full YAML parser. */
export function parseYamlFast(text: string, maxDepth: number): Record<string, unknown> | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    const reader = new Reader(text, maxDepth);
    const value = reader.document();
    return value;
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

class Reader {
  lines: string[];
  /** Column where each line's content starts (a `- key:` line is moved to its key); -1: blank or comment. */
  indent: Int32Array;
  /** Column of each line's first non-space character (comments included); -1 for blank lines. */
  textIndent: Int32Array;
  pos = 0;
  maxDepth: number;

  constructor(text: string, maxDepth: number) {
    this.maxDepth = maxDepth;
    this.lines = text.split('\n');
    const n = this.lines.length;
    this.indent = new Int32Array(n);
    this.textIndent = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const line = this.lines[i]!;
      let c = 0;
      while (line.charCodeAt(c) === SPACE) c++;
      const blank = c === line.length;
      this.textIndent[i] = blank ? -1 : c;
      this.indent[i] = blank || line.charCodeAt(c) === HASH ? -1 : c;
      // Directives and document markers mean several documents or options: the full parser decides.
      if (c === 0 && !blank && (line[0] === '%' || line.startsWith('---') || line.startsWith('...'))) bail();
    }
  }

  document(): Record<string, unknown> {
    const first = this.nextContent();
    if (first < 0 || this.indent[first] !== 0 || this.isSeqItem(first)) bail();
    const root = this.mapping(0, 1);
    if (this.nextContent() >= 0) bail();
    return root;
  }

  /** The next line with content at or after `pos` (moving `pos` there), or -1 at the end. */
  nextContent(): number {
    while (this.pos < this.lines.length && this.indent[this.pos] === -1) this.pos++;
    return this.pos < this.lines.length ? this.pos : -1;
  }

  isSeqItem(i: number): boolean {
    const line = this.lines[i]!;
    const c = this.indent[i]!;
    return line[c] === '-' && (c + 1 === line.length || line.charCodeAt(c + 1) === SPACE);
  }

  mapping(col: number, depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) bail();
    const out: Record<string, unknown> = {};
    for (let i = this.nextContent(); i >= 0 && this.indent[i]! >= col; i = this.nextContent()) {
      if (this.indent[i]! > col || this.isSeqItem(i)) bail();
      const line = this.lines[i]!;
      const colon = line.indexOf(':', col);
      if (colon < 0 || (colon + 1 < line.length && line.charCodeAt(colon + 1) !== SPACE)) bail();
      const key = plainKey(line.slice(col, colon));
      if (Object.hasOwn(out, key)) bail();
      this.pos = i + 1;
      out[key] = this.inlineValue(line, colon + 1, col, depth, true);
    }
    return out;
  }

  sequence(col: number, depth: number): unknown[] {
    if (depth > this.maxDepth) bail();
    const out: unknown[] = [];
    for (let i = this.nextContent(); i >= 0 && this.indent[i]! >= col; i = this.nextContent()) {
      if (this.indent[i]! > col || !this.isSeqItem(i)) bail();
      const line = this.lines[i]!;
      let c = col + 1;
      while (line.charCodeAt(c) === SPACE) c++;
      if (c < line.length && line.charCodeAt(c) !== HASH && this.startsMapping(line, c)) {
        // `- id: a` opens a mapping whose keys line up with `id`.
        this.indent[i] = c;
        out.push(this.mapping(c, depth + 1));
      } else {
        if (line[c] === '-' && (c + 1 === line.length || line.charCodeAt(c + 1) === SPACE)) bail();
        this.pos = i + 1;
        out.push(this.inlineValue(line, c, col, depth, false));
      }
    }
    return out;
  }

  /** Whether the text at `c` is `key: ...` (a plain scalar can hold neither `: ` nor a final `:`). */
  startsMapping(line: string, c: number): boolean {
    const ch = line[c];
    if (ch === '"' || ch === "'" || ch === '{' || ch === '[' || ch === '|' || ch === '>') return false;
    const comment = line.indexOf(' #', c);
    const end = comment < 0 ? line.length : comment;
    const colon = line.indexOf(': ', c);
    return (colon >= 0 && colon < end) || line.slice(c, end).trimEnd().endsWith(':');
  }

  /**
   * The value after `key:` or `- ` on line `pos - 1`, starting at column `c`: inline, a text block,
   * or (when nothing is inline) the block on the following lines. `col` is the key's or dash's column.
   */
  inlineValue(line: string, c: number, col: number, depth: number, inMapping: boolean): unknown {
    while (line.charCodeAt(c) === SPACE) c++;
    const ch = line[c];
    if (ch === undefined || ch === '#') return this.nestedBlock(col, depth, inMapping);
    let value: unknown;
    let end: number;
    if (ch === '"') [value, end] = doubleQuoted(line, c);
    else if (ch === "'") [value, end] = singleQuoted(line, c);
    else if (ch === '{' || ch === '[') [value, end] = flowCollection(line, c, depth + 1, this.maxDepth);
    else if (ch === '>' || ch === '|') return this.textBlock(line, c, col);
    else {
      const after = line.charCodeAt(c + 1);
      if (
        isIndicator(ch) ||
        ((ch === '-' || ch === '?' || ch === ':') && (after === SPACE || Number.isNaN(after)))
      )
        bail();
      const comment = line.indexOf(' #', c);
      const source = line.slice(c, comment < 0 ? line.length : comment).trimEnd();
      if (source.includes(': ') || source.endsWith(':')) bail();
      value = resolvePlain(source);
      end = c + source.length;
    }
    this.restIsComment(line, end);
    this.nothingDeeper(col);
    return value;
  }

  /** A value written on the lines below its key: a deeper block, a sequence at the key's column, or null. */
  nestedBlock(col: number, depth: number, inMapping: boolean): unknown {
    const i = this.nextContent();
    if (i < 0) return null;
    const c = this.indent[i]!;
    if (c > col) return this.isSeqItem(i) ? this.sequence(c, depth + 1) : this.mapping(c, depth + 1);
    if (c === col && inMapping && this.isSeqItem(i)) return this.sequence(c, depth + 1);
    return null;
  }

  /** After a one-line value only a comment may follow on the line. */
  restIsComment(line: string, end: number): void {
    let i = end;
    while (line.charCodeAt(i) === SPACE) i++;
    if (i < line.length && (line.charCodeAt(i) !== HASH || i === end)) bail();
  }

  /** Lines indented below a finished one-line value would continue it (or be an error): full parser. */
  nothingDeeper(col: number): void {
    for (let i = this.pos; i < this.lines.length; i++) {
      const t = this.textIndent[i]!;
      if (t === -1) continue;
      if (t > col) bail();
      if (this.indent[i] !== -1) return;
    }
  }

  /** A `>`, `>-`, `|` or `|-` block whose lines share one indentation (folded) or are deeper (literal). */
  textBlock(line: string, c: number, col: number): string {
    const folded = line[c] === '>';
    const strip = line[c + 1] === '-';
    this.restIsComment(line, c + (strip ? 2 : 1));
    const first = this.pos;
    const blockIndent = this.textIndent[first] ?? -1;
    if (blockIndent <= col) bail();
    const parts: string[] = [];
    let i = first;
    for (; i < this.lines.length; i++) {
      const t = this.textIndent[i]!;
      if (t === -1) {
        if (this.lines[i]!.length > blockIndent) bail();
        parts.push('');
        continue;
      }
      if (t < blockIndent) break;
      const text = this.lines[i]!;
      if ((folded && t > blockIndent) || text.charCodeAt(text.length - 1) === SPACE) bail();
      parts.push(text.slice(blockIndent));
    }
    // A less indented line that still belongs to the value (a stray comment, say): full parser.
    if (i < this.lines.length && this.textIndent[i]! > col) bail();
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    this.pos = i;
    const body = folded ? fold(parts) : parts.join('\n');
    return strip ? body : `${body}\n`;
  }
}

/** Folded text: single line breaks become spaces, each empty line a line break. */
function fold(parts: string[]): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '') out += '\n';
    else out += parts[i - 1] === '' ? parts[i] : ` ${parts[i]}`;
  }
  return out;
}
