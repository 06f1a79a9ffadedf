/** Suggests the id a builder probably meant when they name one that does not exist. */

/** ", did you mean 'x'?" for a near miss among the known ids (edit distance at most 2). */
export function didYouMean(id: string, ids: ReadonlyMap<string, number>): string {
  if (ids.size > 5000 || id.length > 64) return '';
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of ids.keys()) {
    if (Math.abs(candidate.length - id.length) >= bestDistance) continue;
    const d = distance(id, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

// Levenshtein distance, two rows at a time.
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
