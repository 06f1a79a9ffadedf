/**
 * Full-line comments inside a value about to be rewritten, so they can be kept next to its key.
 * Lines inside multi-line scalars (a `|` prompt may well contain a line starting with `#`) are content,
 * not comments, and are skipped.
 */
import { isScalar, visit } from 'yaml';
import { type BlockCollection, isBlockCollection, type Located } from './yaml-block.ts';
import { indentAt, lineStartOf, nextLineStart } from './yaml-lines.ts';

function scalarSpans(v: Located | BlockCollection, out: Array<[number, number]>): void {
  if (isBlockCollection(v)) {
    for (const item of v.items) {
      if (item.key) scalarSpans(item.key, out);
      scalarSpans(item.value, out);
    }
    return;
  }
  const { node, base } = v;
  if (!node) return;
  const add = (n: unknown) => {
    if (isScalar(n) && n.range) out.push([base + n.range[0], base + n.range[1]]);
  };
  add(node);
  if (!isScalar(node)) visit(node, { Scalar: (_k, s) => add(s) });
}

/** The comment lines (trimmed) that start a line inside [from, to) of `v`'s text, outside the `excluded` ranges. */
export function fullLineComments(
  text: string,
  v: Located | BlockCollection,
  from: number,
  to: number,
  excluded: ReadonlyArray<[number, number]> = [],
): string[] {
  const spans: Array<[number, number]> = [];
  scalarSpans(v, spans);
  const comments: string[] = [];
  for (
    let p = lineStartOf(text, from) === from ? from : nextLineStart(text, from);
    p < to;
    p = nextLineStart(text, p)
  ) {
    const at = p + indentAt(text, p);
    if (
      text[at] !== '#' ||
      spans.some(([s, e]) => s < p && p < e) ||
      excluded.some(([s, e]) => s <= p && p < e)
    )
      continue;
    comments.push(text.slice(at, nextLineStart(text, p)).trimEnd());
  }
  return comments;
}
