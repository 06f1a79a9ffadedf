/**
 * Block collections item by item, with exact offsets taken from yaml's lossless CST: where each item's
 * indicator (`-` or the key) sits, where its `:` ends, and where its content ends. A collection may be
 * one yaml node or stitched together from pieces parsed on their own (yaml-source.ts).
 */
import {
  type CST,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { lineStartOf, startsLine, trimLineBreak } from './yaml-lines.ts';

/** A yaml AST node and the offset its ranges count from (pieces of a file are parsed on their own). */
export interface Located {
  node: Node | null;
  base: number;
}

/** One entry of a block map (`key: value`) or block sequence (`- value`), in absolute offsets. */
export interface BlockItem {
  /** The `-` of a sequence item, or the start of a map key. */
  start: number;
  column: number;
  atLineStart: boolean;
  /** Just after the `:` or `-`: where a replaced value is written from. */
  afterIndicator: number;
  /** A comment sits between the indicator and the value (it is kept when the value is replaced). */
  commentAfterIndicator: boolean;
  key: Located | null;
  keyString: string;
  value: Located | BlockCollection;
  /** End of the item's last content character (trailing comments on that line are not included). */
  contentEnd: number;
}

/** A block map or sequence seen as a list of items. */
export interface BlockCollection {
  kind: 'map' | 'seq';
  items: BlockItem[];
}

/** True for a stitched or real block collection (as opposed to a located yaml node). */
export function isBlockCollection(v: Located | BlockCollection): v is BlockCollection {
  return 'items' in v;
}

/** The JS key yaml's toJS gives a map key (null keys become '', complex keys never match). */
export function keyStringOf(key: unknown): string {
  if (!isScalar(key)) return '\u0000complex-key';
  return key.value === null || key.value === undefined ? '' : String(key.value);
}

const TRIVIA = new Set(['space', 'comment', 'newline']);

function firstSignificant(tokens: CST.SourceToken[] | undefined): CST.SourceToken | undefined {
  return tokens?.find((t) => !TRIVIA.has(t.type));
}

function commentAfter(
  tokens: CST.SourceToken[] | undefined,
  indicator: CST.SourceToken | undefined,
): boolean {
  if (!tokens || !indicator) return false;
  return tokens.slice(tokens.indexOf(indicator) + 1).some((t) => t.type === 'comment');
}

/**
 * Where a node's content ends, relative to its piece. A block collection's own range runs over the
 * comment lines that follow it, so its end is taken from its last entry instead.
 */
function contentEnd(node: Node): number {
  const range = node.range as [number, number, number];
  if (!(isMap(node) || isSeq(node)) || node.flow) return range[1];
  const last = node.items[node.items.length - 1];
  if (!last) return range[1];
  if (isPair(last)) {
    const key = isNode(last.key) ? contentEnd(last.key) : range[0];
    return isNode(last.value) && last.value.range ? Math.max(key, contentEnd(last.value)) : key;
  }
  return isNode(last) && last.range ? contentEnd(last) : range[1];
}

/** Absolute [start, contentEnd] of a located node (the trailing newline of a block value is not content). */
export function spanOf(text: string, loc: Located): [number, number] | null {
  const range = loc.node?.range;
  if (!range || !loc.node) return null;
  return [
    loc.base + range[0],
    Math.max(loc.base + range[0], trimLineBreak(text, loc.base + contentEnd(loc.node))),
  ];
}

function finish(text: string, item: Omit<BlockItem, 'column' | 'atLineStart'>): BlockItem {
  return {
    ...item,
    column: item.start - lineStartOf(text, item.start),
    atLineStart: startsLine(text, item.start),
  };
}

/** The items of a yaml block map or sequence parsed with `keepSourceTokens`, in offsets of `text`. */
export function blockItemsOf(text: string, node: YAMLMap | YAMLSeq, base: number): BlockItem[] {
  const token = node.srcToken as CST.BlockMap | CST.BlockSequence | undefined;
  if (!token || (token.type !== 'block-map' && token.type !== 'block-seq'))
    throw new Error('yaml-block: collection without source tokens');
  // Comment lines after the last entry form a CST item of their own that holds no entry.
  const entries = (token.items as Array<CST.BlockMap['items'][number]>).filter(
    (t) => t.key || t.sep || t.value || firstSignificant(t.start),
  );
  if (entries.length !== node.items.length)
    throw new Error('yaml-block: collection without matching source tokens');
  const items: BlockItem[] = [];
  entries.forEach((t, i) => {
    if (token.type === 'block-map') {
      const pair = node.items[i] as Pair<Node | null, Node | null>;
      const mt = t as CST.BlockMap['items'][number];
      const indicator = mt.sep?.find((s) => s.type === 'map-value-ind');
      const first = firstSignificant(mt.start) ?? (mt.key as CST.SourceToken | null | undefined) ?? indicator;
      if (!first) throw new Error('yaml-block: map item without a key or indicator');
      const keyLoc: Located = { node: pair.key, base };
      const keyEnd = spanOf(text, keyLoc)?.[1] ?? base + first.offset;
      const after = indicator ? base + indicator.offset + 1 : keyEnd;
      const value: Located = { node: pair.value, base };
      items.push(
        finish(text, {
          start: base + first.offset,
          afterIndicator: after,
          commentAfterIndicator: commentAfter(mt.sep, indicator),
          key: keyLoc,
          keyString: keyStringOf(pair.key),
          value,
          contentEnd: Math.max(after, spanOf(text, value)?.[1] ?? after),
        }),
      );
    } else {
      const indicator = t.start.find((s) => s.type === 'seq-item-ind');
      if (!indicator) throw new Error('yaml-block: sequence item without a dash');
      const start = base + indicator.offset;
      const value: Located = { node: node.items[i] as Node | null, base };
      items.push(
        finish(text, {
          start,
          afterIndicator: start + 1,
          commentAfterIndicator: commentAfter(t.start, indicator),
          key: null,
          keyString: '',
          value,
          contentEnd: Math.max(start + 1, spanOf(text, value)?.[1] ?? start + 1),
        }),
      );
    }
  });
  return items;
}
