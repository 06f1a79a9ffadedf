/** Text replacements at offsets of the original text, applied in one pass. */

/** Replace [start, end) of the original text with `text`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies splices to `source`. Insertions at an offset go before a replacement starting there, in the
 * order they were made; overlapping deletions merge (two removed items may both claim a blank line).
 */
export function applySplices(source: string, splices: readonly Splice[]): string {
  const sorted = splices
    .map((s, order) => ({ ...s, order }))
    .sort(
      (a, b) =>
        a.start - b.start || (a.end === a.start ? 0 : 1) - (b.end === b.start ? 0 : 1) || a.order - b.order,
    );
  const out: string[] = [];
  let at = 0;
  let lastWasDeletion = false;
  for (const s of sorted) {
    const isDeletion = s.text === '' && s.end > s.start;
    if (s.start < at) {
      if (!isDeletion || !lastWasDeletion)
        throw new Error(`yaml-splice: overlapping changes at offset ${s.start}`);
      at = Math.max(at, s.end);
      continue;
    }
    out.push(source.slice(at, s.start), s.text);
    at = s.end;
    lastWasDeletion = isDeletion;
  }
  out.push(source.slice(at));
  return out.join('');
}
