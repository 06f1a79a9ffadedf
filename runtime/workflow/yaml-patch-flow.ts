/**
 * Patches a flow collection (`{ x: 0, y: 0 }`, `[a, b]`) in place: entries are added after a comma,
 * removed with their comma, and everything else on the line keeps its spacing.
 */
import { isMap, isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { planList, planMap } from './yaml-align.ts';
import { keyStringOf, type Located, spanOf } from './yaml-block.ts';
import { flowText, inlineScalar } from './yaml-emit.ts';
import type { Slot, YamlPatcher } from './yaml-patch.ts';
import type { Splice } from './yaml-splice.ts';

type Span = [number, number];

function spanOrThrow(text: string, loc: Located): Span {
  const span = spanOf(text, loc);
  if (!span) throw new Error('yaml-patch: flow item without a position');
  return span;
}

/** Splices removing items (runs of neighbours at once, each with the comma that separated it). */
function removals(spans: readonly Span[], removed: readonly number[]): Splice[] {
  const out: Splice[] = [];
  const sorted = [...removed].sort((a, b) => a - b);
  for (let k = 0; k < sorted.length; ) {
    const a = sorted[k] as number;
    let b = a;
    while (sorted[k + 1] === b + 1) b = sorted[++k] as number;
    k++;
    const after = spans[b + 1];
    const before = spans[a - 1];
    if (after) out.push({ start: (spans[a] as Span)[0], end: after[0], text: '' });
    else if (before) out.push({ start: before[1], end: (spans[b] as Span)[1], text: '' });
  }
  return out;
}

function insertion(spans: readonly Span[], anchor: number, entries: readonly string[]): Splice {
  if (anchor >= 0) {
    const at = (spans[anchor] as Span)[1];
    return { start: at, end: at, text: entries.map((e) => `, ${e}`).join('') };
  }
  const at = (spans[0] as Span)[0];
  return { start: at, end: at, text: entries.map((e) => `${e}, `).join('') };
}

/** Patches a flow map or sequence toward `target` (same kind as the node). */
export function patchFlow(p: YamlPatcher, v: Located, old: unknown, target: unknown, slot: Slot): void {
  const node = v.node as YAMLMap | YAMLSeq;
  const { text, style } = p;
  if (isMap(node)) {
    const pairs = node.items as Array<Pair<Node | null, Node | null>>;
    const o = old as Record<string, unknown>;
    const t = target as Record<string, unknown>;
    const plan = planMap(
      pairs.map((pair) => keyStringOf(pair.key)),
      t,
    );
    if (plan.kept.length === 0) {
      p.replace(v, target, slot);
      return;
    }
    const spans = pairs.map((pair): Span => {
      const key = spanOrThrow(text, { node: pair.key, base: v.base });
      return pair.value ? [key[0], spanOrThrow(text, { node: pair.value, base: v.base })[1]] : key;
    });
    for (const { index, key } of plan.kept) {
      const pair = pairs[index] as Pair<Node | null, Node | null>;
      const keyString = keyStringOf(pair.key);
      if (key !== keyString) {
        const span = spanOrThrow(text, { node: pair.key, base: v.base });
        const keep = isScalar(pair.key) ? pair.key.type : undefined;
        p.splices.push({
          start: span[0],
          end: span[1],
          text: inlineScalar(key, style, true, keep) ?? JSON.stringify(key),
        });
      }
      if (!pair.value) throw new Error('yaml-patch: flow map entry without a value');
      p.value({ node: pair.value, base: v.base }, o[keyString], t[key], { kind: 'flow' });
    }
    p.splices.push(...removals(spans, plan.removed));
    for (const [anchor, keys] of plan.inserted) {
      const entries = keys.map(
        (k) => `${inlineScalar(k, style, true) ?? JSON.stringify(k)}: ${flowText(t[k], style)}`,
      );
      p.splices.push(insertion(spans, anchor, entries));
    }
    return;
  }
  const items = node.items as Array<Node | null>;
  const o = old as unknown[];
  const t = target as unknown[];
  const plan = planList(o, t);
  if (plan.pairs.length === 0) {
    p.replace(v, target, slot);
    return;
  }
  const spans = items.map((item) => spanOrThrow(text, { node: item, base: v.base }));
  for (const [i, j] of plan.pairs)
    p.value({ node: items[i] ?? null, base: v.base }, o[i], t[j], { kind: 'flow' });
  p.splices.push(...removals(spans, plan.deleted));
  for (const [anchor, indexes] of plan.inserted) {
    p.splices.push(
      insertion(
        spans,
        anchor,
        indexes.map((j) => flowText(t[j], style)),
      ),
    );
  }
}
