/**
 * Maps a JSON path inside a parsed YAML document back to the file, line and column a user sees in
 * their editor. Every problem goes through here so that all of them point at the right spot.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Problem, SourceLocation } from './types.ts';

/** A path inside a document: map keys and array indices, as in a JSON pointer. */
export type JsonPath = ReadonlyArray<string | number>;

/** Finds where a path is written: at its value (default) or, for a map entry, at its key. */
export type Locate = (path: JsonPath, at?: 'key' | 'value') => SourceLocation;

/** Formats a path as a JSON pointer (`/nodes/2/retry/max`); the root is ''. */
export function toPointer(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += `/${String(seg).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return out;
}

/** Parses a JSON pointer (as ajv reports `instancePath`) into path segments. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Builds a problem at a location. */
export function problemAt(
  where: SourceLocation,
  code: string,
  message: string,
  severity: Problem['severity'] = 'error',
): Problem {
  return {
    file: where.file,
    line: where.line,
    column: where.column,
    path: where.path,
    code,
    message,
    severity,
  };
}

/** A `Locate` for one parsed document; paths that do not exist point at their nearest ancestor. */
export function createLocator(doc: Document, lineCounter: LineCounter, file: string): Locate {
  return (path, at = 'value') => {
    let node: unknown = doc.contents;
    let offset = node && (node as Node).range ? (node as Node).range![0] : 0;
    for (let i = 0; i < path.length; i++) {
      const found = child(doc, node, path[i]!);
      if (!found) break;
      node = found.value;
      const last = i === path.length - 1;
      const target = last && at === 'key' && found.key ? found.key : found.value;
      const range = (target as Node | null)?.range ?? (found.key as Node | null)?.range;
      if (range) offset = range[0];
    }
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: toPointer(path) };
  };
}

/** One step down: a map entry (following aliases and `<<` merge keys) or a sequence item. */
function child(
  doc: Document,
  node: unknown,
  seg: string | number,
  depth = 0,
): { key?: unknown; value: unknown } | undefined {
  let cur = node;
  for (let hops = 0; isAlias(cur) && hops < 100; hops++) cur = cur.resolve(doc);
  if (isSeq(cur)) {
    const item = cur.items[Number(seg)];
    return item === undefined ? undefined : { value: item };
  }
  if (!isMap(cur) || depth > 20) return undefined;
  const merges: unknown[] = [];
  for (const pair of cur.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key === 'symbol') merges.push(pair.value);
    else if (String(key) === String(seg)) return { key: pair.key, value: pair.value };
  }
  // A key that only exists through `<<: *defaults` is written where the anchor is.
  for (const merged of merges) {
    const sources = isSeq(merged) ? merged.items : [merged];
    for (const source of sources) {
      const found = child(doc, source, seg, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The path of the innermost map entry or sequence item that contains a source offset. */
export function pathAtOffset(doc: Document, offset: number): JsonPath {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (let guard = 0; guard < 200; guard++) {
    let next: unknown;
    if (isMap(node)) {
      for (const pair of node.items) {
        const start = (pair.key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0];
        const end = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node | null)?.range?.[2];
        if (start !== undefined && end !== undefined && start <= offset && offset <= end) {
          path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
          next = pair.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return range != null && range[0] <= offset && offset <= range[2];
      });
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (next === undefined) break;
    node = next;
  }
  return path;
}

/** 1-based line and column of an offset, for text that was never handed to a LineCounter. */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
