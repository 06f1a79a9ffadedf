/**
 * Loads a workflow's YAML text for patching: the top-level map as block items with exact offsets, and
 * the plain JS value. A 1,000-node file takes ~100 ms for yaml to parse whole, too slow for every
 * canvas edit, so the text is cut into pieces (each top-level entry; each item of a big block list or
 * map such as `nodes:` and `layout:`) that are parsed on their own and cached by their text: after an
 * edit only the pieces that changed are parsed again. Anything unusual (anchors, directives, odd
 * indentation, any error) makes the whole text be parsed in one go instead, which is always right.
 */
import { type Document, isMap, isSeq, parseDocument } from 'yaml';
import { UserError } from './errors.ts';
import { type BlockCollection, type BlockItem, blockItemsOf } from './yaml-block.ts';
import { indentAt, isBlankLine, nextLineStart } from './yaml-lines.ts';

/** A loaded text: its top-level map as block items, its value, and its line break. */
export interface YamlSource {
  text: string;
  root: BlockCollection;
  js: Record<string, unknown>;
  eol: '\n' | '\r\n';
}

interface Piece {
  doc: Document.Parsed;
  js: unknown;
}

const MAX_CACHED_PIECES = 20_000;
const pieces = new Map<string, Piece | null>();

function parsePiece(src: string): Piece | null {
  const cached = pieces.get(src);
  if (cached !== undefined) return cached;
  const doc = parseDocument(src, { keepSourceTokens: true });
  let piece: Piece | null = null;
  try {
    // An alias whose anchor sits in another piece fails here: the whole text is then parsed at once.
    if (doc.errors.length === 0) piece = { doc, js: doc.toJS() };
  } catch {
    piece = null;
  }
  if (pieces.size >= MAX_CACHED_PIECES) pieces.clear();
  pieces.set(src, piece);
  return piece;
}

/** Characters that may open a plain or quoted key at the start of a line. */
function isKeyStart(c: string | undefined): boolean {
  return c !== undefined && !' \t\r\n#-?:[]{},&*!|>%@`'.includes(c);
}

function isSeqDash(text: string, at: number): boolean {
  const n = text[at + 1];
  return text[at] === '-' && (n === ' ' || n === '\n' || n === '\r' || n === undefined);
}

class Unusual extends Error {}

/** The one block item of a piece whose root is a block collection with exactly one item. */
function onlyItem(
  text: string,
  start: number,
  end: number,
  kind: 'map' | 'seq',
): { item: BlockItem; js: unknown } {
  const piece = parsePiece(text.slice(start, end));
  const contents = piece?.doc.contents;
  const root = kind === 'map' ? (isMap(contents) ? contents : null) : isSeq(contents) ? contents : null;
  if (!piece || !root || root.flow || root.items.length !== 1) throw new Unusual();
  const [item] = blockItemsOf(text, root, start);
  if (!item) throw new Unusual();
  const js =
    kind === 'map' ? (piece.js as Record<string, unknown>)[item.keyString] : (piece.js as unknown[])[0];
  if (kind === 'map' && !Object.hasOwn(piece.js as object, item.keyString)) throw new Unusual();
  return { item, js };
}

/** Line starts inside [from, end) where the items of a block collection at one indentation begin. */
function itemStarts(
  text: string,
  from: number,
  end: number,
): { kind: 'map' | 'seq'; starts: number[] } | null {
  let kind: 'map' | 'seq' | null = null;
  let column = -1;
  const starts: number[] = [];
  for (let p = from; p < end; p = nextLineStart(text, p)) {
    const ind = indentAt(text, p);
    if (isBlankLine(text, p) || text[p + ind] === '#') continue;
    if (text[p + ind] === '\t') return null;
    if (kind === null) {
      column = ind;
      kind = isSeqDash(text, p + ind) ? 'seq' : ind > 0 && isKeyStart(text[p + ind]) ? 'map' : null;
      if (kind === null) return null;
    }
    if (ind < column) return null;
    if (ind === column) {
      if (kind === 'seq' ? !isSeqDash(text, p + ind) : !isKeyStart(text[p + ind])) return null;
      starts.push(p);
    }
  }
  return kind && starts.length > 0 ? { kind, starts } : null;
}

const SIMPLE_HEADER = /^[A-Za-z_][\w.-]*[ \t]*:[ \t]*(#[^\n]*)?\r?$/;

/** One top-level entry: split into item pieces when its value is a block collection, else parsed whole. */
function loadEntry(text: string, start: number, end: number): { item: BlockItem; js: unknown } {
  const headerEnd = nextLineStart(text, start);
  const split = SIMPLE_HEADER.test(text.slice(start, headerEnd).replace(/\n$/, ''))
    ? itemStarts(text, headerEnd, end)
    : null;
  if (!split) return onlyItem(text, start, end, 'map');
  const first = split.starts[0] as number;
  const header = onlyItem(text, start, first, 'map');
  if (header.js !== null) throw new Unusual();
  const items: BlockItem[] = [];
  const values: unknown[] = [];
  const keyed: Record<string, unknown> = {};
  split.starts.forEach((s, i) => {
    const loaded = onlyItem(text, s, split.starts[i + 1] ?? end, split.kind);
    if (split.kind === 'map') {
      if (Object.hasOwn(keyed, loaded.item.keyString)) throw new Unusual();
      keyed[loaded.item.keyString] = loaded.js;
    }
    items.push(loaded.item);
    values.push(loaded.js);
  });
  const colon = text.indexOf(':', header.item.start);
  const last = items[items.length - 1] as BlockItem;
  const item: BlockItem = {
    ...header.item,
    commentAfterIndicator: text.slice(colon + 1, first).includes('#'),
    value: { kind: split.kind, items },
    contentEnd: last.contentEnd,
  };
  return { item, js: split.kind === 'map' ? keyed : values };
}

function loadInPieces(text: string): { root: BlockCollection; js: Record<string, unknown> } {
  const starts: number[] = [];
  for (let p = 0; p < text.length; p = nextLineStart(text, p)) {
    const c = text[p];
    if (c === '%' || text.startsWith('...', p) || (text.startsWith('---', p) && starts.length > 0))
      throw new Unusual();
    if (isKeyStart(c) && !text.startsWith('---', p)) starts.push(p);
  }
  if (starts.length === 0 || text.charCodeAt(0) === 0xfeff) throw new Unusual();
  starts[0] = 0; // comments above the first key travel with it
  const items: BlockItem[] = [];
  const js: Record<string, unknown> = {};
  starts.forEach((s, i) => {
    const entry = loadEntry(text, s, starts[i + 1] ?? text.length);
    if (Object.hasOwn(js, entry.item.keyString)) throw new Unusual();
    js[entry.item.keyString] = entry.js;
    items.push(entry.item);
  });
  return { root: { kind: 'map', items }, js };
}

let lastWhole: { text: string; root: BlockCollection; js: Record<string, unknown> } | null = null;

function loadWhole(text: string): { root: BlockCollection; js: Record<string, unknown> } {
  if (lastWhole?.text === text) return lastWhole;
  const doc = parseDocument(text, { keepSourceTokens: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}: ` : '';
    throw new UserError('yaml-syntax', `${where}${error.message.split('\n')[0]}`, {
      line: at?.line,
      column: at?.col,
    });
  }
  const root = doc.contents;
  if (!isMap(root) || root.flow) {
    throw new UserError(
      'invalid-workflow',
      'a workflow file must be a block map (`id: ...`, `nodes: ...`) to be edited',
      {},
    );
  }
  let js: Record<string, unknown>;
  try {
    js = doc.toJS();
  } catch (e) {
    throw new UserError('yaml-syntax', e instanceof Error ? e.message : String(e), {});
  }
  lastWhole = { text, root: { kind: 'map', items: blockItemsOf(text, root, 0) }, js };
  return lastWhole;
}

/** Parses `text` for patching (cached piece by piece); throws UserError when it is not valid YAML. */
export function loadYaml(text: string): YamlSource {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  try {
    return { text, eol, ...loadInPieces(text) };
  } catch (e) {
    if (!(e instanceof Unusual) && !(e instanceof Error && e.message.startsWith('yaml-block:'))) throw e;
    return { text, eol, ...loadWhole(text) };
  }
}
