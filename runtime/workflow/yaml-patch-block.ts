/**
 * Removing and inserting items of a block collection as whole lines, keeping the blank-line rhythm
 * between items and every comment that does not sit inside a removed item. A comment line indented
 * deeper than an item reads as part of it; one at the item's own indentation belongs to what follows.
 */
import type { BlockItem } from './yaml-block.ts';
import { indentRest, isBlankLine, isDeeperComment, lineStartOf, nextLineStart } from './yaml-lines.ts';
import type { Splice } from './yaml-splice.ts';

/** Offset of the line start just after the item: its content, its trailing comment and deeper comment lines. */
export function regionEnd(text: string, item: BlockItem): number {
  let end = nextLineStart(text, item.contentEnd);
  for (let p = end; p < text.length; ) {
    if (isBlankLine(text, p)) p = nextLineStart(text, p);
    else if (isDeeperComment(text, p, item.column)) end = p = nextLineStart(text, p);
    else break;
  }
  return end;
}

function hasBlankBetween(text: string, a: BlockItem, b: BlockItem): boolean {
  const stop = lineStartOf(text, b.start);
  for (let p = regionEnd(text, a); p < stop; p = nextLineStart(text, p))
    if (isBlankLine(text, p)) return true;
  return false;
}

/** True when the items around `anchor` are separated by blank lines, so a new item should be too. */
function blankRhythm(text: string, items: readonly BlockItem[], anchor: number): boolean {
  if (items.length < 2) return false;
  const a = anchor >= 0 && anchor + 1 < items.length ? anchor : Math.max(anchor - 1, 0);
  return hasBlankBetween(text, items[a] as BlockItem, items[a + 1] as BlockItem);
}

function deleteLines(text: string, items: readonly BlockItem[], i: number): Splice {
  const item = items[i] as BlockItem;
  const next = items[i + 1];
  let start = lineStartOf(text, item.start);
  let end = regionEnd(text, item);
  const stop = next ? lineStartOf(text, next.start) : text.length;
  let after = end;
  while (after < stop && isBlankLine(text, after)) after = nextLineStart(text, after);
  let before = start;
  while (before > 0 && isBlankLine(text, lineStartOf(text, before - 1)))
    before = lineStartOf(text, before - 1);
  // Keep one separator where there were two; drop the one left dangling after a removed last item.
  if (before < start && after > end) end = after;
  else if (before < start && !next) start = before;
  return { start, end, text: '' };
}

/** Splices removing the given items (not all of them: an emptied collection is replaced instead). */
export function blockDeletions(
  text: string,
  items: readonly BlockItem[],
  removed: readonly number[],
): Splice[] {
  const gone = new Set(removed);
  const covered = new Set<number>();
  const out: Splice[] = [];
  for (const i of [...gone].sort((a, b) => a - b)) {
    if (covered.has(i)) continue;
    const item = items[i] as BlockItem;
    if (item.atLineStart) {
      out.push(deleteLines(text, items, i));
      continue;
    }
    // A compact first item (`- id: a`): cut up to the first kept item, which moves up behind the `- `.
    let keep = i + 1;
    while (gone.has(keep)) covered.add(keep++);
    const kept = items[keep];
    if (!kept) throw new Error('yaml-patch: cannot remove every item of a collection in place');
    out.push({ start: item.start, end: kept.start, text: '' });
  }
  return out;
}

/** A splice inserting `fragments` (column-0 text, one per item) after item `anchor` (-1: before the first). */
export function blockInsertion(
  text: string,
  items: readonly BlockItem[],
  anchor: number,
  fragments: readonly string[],
): Splice {
  const ref = items[Math.max(anchor, 0)] as BlockItem;
  const pad = ' '.repeat(ref.column);
  const blank = blankRhythm(text, items, anchor) ? '\n' : '';
  const lines = fragments.map((f) => indentRest(f, ref.column));
  if (anchor >= 0) {
    const at = regionEnd(text, ref);
    const block = lines.map((l) => `${blank}${pad}${l}\n`).join('');
    if (at === text.length && !text.endsWith('\n'))
      return { start: at, end: at, text: `\n${block.slice(0, -1)}` };
    return { start: at, end: at, text: block };
  }
  if (ref.atLineStart) {
    const at = lineStartOf(text, ref.start);
    return { start: at, end: at, text: lines.map((l) => `${pad}${l}\n${blank}`).join('') };
  }
  return {
    start: ref.start,
    end: ref.start,
    text: `${lines.map((l, k) => (k ? pad : '') + l).join('\n')}\n${pad}`,
  };
}
