/**
 * Patches YAML text toward a new value: walks the old value's nodes beside the new value and writes
 * splices only where they differ. Unchanged objects are skipped by identity (the edit reducer shares
 * them), changed scalars keep their quoting, map keys keep their order, new entries are written in the
 * file's style next to their siblings. `coarse` rewrites whole top-level values instead: the fallback
 * for files the fine path cannot patch exactly (apply-edits.ts checks every result).
 */
import { isCollection, isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isPlainObject } from './deep-merge.ts';
import { planList, planMap } from './yaml-align.ts';
import {
  type BlockCollection,
  type BlockItem,
  blockItemsOf,
  isBlockCollection,
  type Located,
  spanOf,
} from './yaml-block.ts';
import { fullLineComments } from './yaml-comments.ts';
import {
  type EmitMode,
  type EmitStyle,
  flowText,
  inlineScalar,
  itemValueText,
  pairText,
  pairValueText,
} from './yaml-emit.ts';
import { valueEqual } from './yaml-equal.ts';
import { indentRest, lineStartOf, nextLineStart, trimLineBreak } from './yaml-lines.ts';
import { blockDeletions, blockInsertion, regionEnd } from './yaml-patch-block.ts';
import { patchFlow } from './yaml-patch-flow.ts';
import type { Splice } from './yaml-splice.ts';

/** Where a value sits: an item of a block collection (its indicator tells where to write), or inside a flow one. */
export type Slot = { kind: 'block'; item: BlockItem; parent: 'map' | 'seq' } | { kind: 'flow' };

type Plain = Record<string, unknown>;

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Collects the splices that turn one YAML text's value into another. */
export class YamlPatcher {
  readonly splices: Splice[] = [];
  readonly text: string;
  readonly style: EmitStyle;
  readonly coarse: boolean;

  constructor(text: string, style: EmitStyle, coarse: boolean) {
    this.text = text;
    this.style = style;
    this.coarse = coarse;
  }

  /** Patches the top-level map. */
  patchRoot(root: BlockCollection, old: Plain, target: Plain): void {
    this.blockMap(root, old, target, null);
  }

  /** Patches one value in its slot; the entry point for recursion (also used by the flow patcher). */
  value(v: Located | BlockCollection, old: unknown, target: unknown, slot: Slot): void {
    if (old === target) return;
    if (this.coarse) {
      if (!valueEqual(old, target)) this.replace(v, target, slot);
      return;
    }
    if (!this.sameShape(v, old, target, slot) && !valueEqual(old, target)) this.replace(v, target, slot);
  }

  /** Patches inside `v` when old and new value have the shape its node can hold; false when it must be rewritten. */
  private sameShape(v: Located | BlockCollection, old: unknown, target: unknown, slot: Slot): boolean {
    const maps = isPlainObject(old) && isPlainObject(target);
    const lists = Array.isArray(old) && Array.isArray(target);
    if (isBlockCollection(v)) {
      if (v.kind === 'map' && maps) this.blockMap(v, old, target, slot);
      else if (v.kind === 'seq' && lists) this.blockSeq(v, old, target, slot);
      else return false;
      return true;
    }
    const node = v.node;
    if (isScalar(node) && isPrimitive(target)) {
      if (!valueEqual(old, target)) this.scalar(v, node, target, slot);
      return true;
    }
    if (!(isMap(node) && maps) && !(isSeq(node) && lists)) return false;
    if ((node as YAMLMap | YAMLSeq).flow) patchFlow(this, v, old, target, slot);
    else if (isMap(node)) this.blockMap(this.block(node, v.base, 'map'), old as Plain, target as Plain, slot);
    else this.blockSeq(this.block(node, v.base, 'seq'), old as unknown[], target as unknown[], slot);
    return true;
  }

  private block(node: YAMLMap | YAMLSeq, base: number, kind: 'map' | 'seq'): BlockCollection {
    return { kind, items: blockItemsOf(this.text, node, base) };
  }

  private blockMap(coll: BlockCollection, old: Plain, target: Plain, slot: Slot | null): void {
    const isRoot = slot === null;
    const plan = planMap(
      coll.items.map((i) => i.keyString),
      target,
    );
    if (plan.kept.length === 0) {
      this.replaceAll(coll, target, slot);
      return;
    }
    for (const { index, key } of plan.kept) {
      const item = coll.items[index] as BlockItem;
      if (key !== item.keyString) this.renameKey(item, key);
      this.value(item.value, old[item.keyString], target[key], { kind: 'block', item, parent: 'map' });
    }
    this.splices.push(...blockDeletions(this.text, coll.items, plan.removed));
    for (const [anchor, keys] of plan.inserted) {
      // Top-level sections differ too much to copy a neighbour: a new `layout:` gets `id: { x, y }` lines.
      const mode = isRoot ? 'auto' : this.siblingMode(coll, anchor);
      const fragments = keys.map((k) => pairText(k, target[k], this.style, mode));
      this.splices.push(blockInsertion(this.text, coll.items, anchor, fragments));
    }
  }

  private blockSeq(coll: BlockCollection, old: unknown[], target: unknown[], slot: Slot | null): void {
    const plan = planList(old, target);
    if (plan.pairs.length === 0) {
      this.replaceAll(coll, target, slot);
      return;
    }
    for (const [i, j] of plan.pairs) {
      const item = coll.items[i] as BlockItem;
      this.value(item.value, old[i], target[j], { kind: 'block', item, parent: 'seq' });
    }
    this.splices.push(...blockDeletions(this.text, coll.items, plan.deleted));
    for (const [anchor, indexes] of plan.inserted) {
      const mode = this.siblingMode(coll, anchor);
      const fragments = indexes.map((j) => `-${itemValueText(target[j], this.style, mode)}`);
      this.splices.push(blockInsertion(this.text, coll.items, anchor, fragments));
    }
  }

  /** New entries are written like their neighbour: on one line if it is a flow collection, else in block style. */
  private siblingMode(coll: BlockCollection, anchor: number): EmitMode {
    const v = coll.items[Math.max(anchor, 0)]?.value;
    if (!v || isBlockCollection(v)) return v ? 'block' : 'auto';
    if (isCollection(v.node)) return v.node.flow ? 'flow' : 'block';
    return 'auto';
  }

  /** Every item goes: comments inside the items go with them, the ones between items stay. */
  private replaceAll(coll: BlockCollection, target: unknown, slot: Slot | null): void {
    if (!slot) throw new Error('yaml-patch: the top-level map cannot lose every key');
    const inside = coll.items.map((item): [number, number] => [
      lineStartOf(this.text, item.start),
      regionEnd(this.text, item),
    ]);
    this.replace(
      coll,
      target,
      slot,
      inside,
      trimLineBreak(this.text, (inside[inside.length - 1] as [number, number])[1]),
    );
  }

  private renameKey(item: BlockItem, key: string): void {
    const span = item.key && spanOf(this.text, item.key);
    if (!span || !item.key) throw new Error('yaml-patch: map key without a position');
    const keep = isScalar(item.key.node) ? item.key.node.type : undefined;
    const text = inlineScalar(key, this.style, false, keep) ?? JSON.stringify(key);
    this.splices.push({ start: span[0], end: span[1], text });
  }

  private scalar(v: Located, node: Scalar, target: unknown, slot: Slot): void {
    const span = spanOf(this.text, v);
    const inFlow = slot.kind === 'flow';
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const inline =
      block && typeof target === 'string' && target.includes('\n')
        ? null
        : inlineScalar(target, this.style, inFlow, node.type);
    if (!span || inline === null || (span[0] === span[1] && slot.kind === 'block'))
      this.replace(v, target, slot);
    else this.splices.push({ start: span[0], end: span[1], text: inline });
  }

  /** Rewrites a whole value after its `:` or `-`, keeping a comment that sits between them. */
  replace(
    v: Located | BlockCollection,
    target: unknown,
    slot: Slot,
    removedItems: ReadonlyArray<[number, number]> = [],
    endAt = 0,
  ): void {
    const span = isBlockCollection(v) ? this.blockSpan(v) : spanOf(this.text, v);
    if (slot.kind === 'flow') {
      if (!span) throw new Error('yaml-patch: flow value without a position');
      this.splices.push({ start: span[0], end: span[1], text: flowText(target, this.style) });
      return;
    }
    const { item, parent } = slot;
    const node = isBlockCollection(v) ? null : v.node;
    // An empty `[]` or `{}` says nothing about style: what grows from it is written like new content.
    const mode: EmitMode =
      isCollection(node) && node.items.length > 0
        ? node.flow
          ? 'flow'
          : 'block'
        : isBlockCollection(v)
          ? 'block'
          : 'auto';
    const rest = indentRest(
      parent === 'map' ? pairValueText(target, this.style, mode) : itemValueText(target, this.style, mode),
      item.column,
    );
    let end = Math.max(item.afterIndicator, span?.[1] ?? item.afterIndicator, endAt);
    const empty =
      !span || span[0] === span[1] || (isScalar(node) && node.source === '' && node.value === null);
    const keepLeadingComment = item.commentAfterIndicator && !empty;
    const start = keepLeadingComment
      ? lineStartOf(this.text, (span as [number, number])[0])
      : item.afterIndicator;
    let text = !keepLeadingComment
      ? rest
      : rest.startsWith('\n')
        ? rest.slice(1)
        : ' '.repeat(item.column + 2) + rest.trimStart();
    // A new `|` block would swallow a comment left after the old value: it moves onto the `|` line.
    const trailing = /^[ \t]+#[^\n\r]*/.exec(this.text.slice(end));
    const header = /^(\s*[|>][-+0-9]*)\n/.exec(text);
    if (trailing && header) {
      text = `${header[1]}${trailing[0]}${text.slice((header[1] as string).length)}`;
      end += trailing[0].length;
    }
    // A `|` block would also swallow the comment lines below it: they are moved above the key instead.
    const after = regionEnd(this.text, item);
    if (header && after > nextLineStart(this.text, end)) end = Math.max(end, trimLineBreak(this.text, after));
    // Comment lines inside the old value stay, just above its key (or below the value in a `- key:` item).
    const comments = fullLineComments(this.text, v, start, end, removedItems);
    if (comments.length > 0) {
      const pad = ' '.repeat(item.column);
      if (item.atLineStart) {
        const at = lineStartOf(this.text, item.start);
        this.splices.push({ start: at, end: at, text: comments.map((c) => `${pad}${c}\n`).join('') });
      } else {
        text += comments.map((c) => `\n${pad}${c}`).join('');
      }
    }
    this.splices.push({ start, end, text });
  }

  private blockSpan(coll: BlockCollection): [number, number] | null {
    const first = coll.items[0];
    const last = coll.items[coll.items.length - 1];
    return first && last ? [first.start, last.contentEnd] : null;
  }
}
