/** Estimates how large a node's output is as JSON, stopping as soon as it passes the limit. */

class TooLarge extends Error {}

/**
 * True when `value` is larger than `limit` bytes of JSON (estimated: text counts its length). Stops
 * early, so a huge output costs no more than the limit to check. Throws a TypeError on a cycle.
 */
export function exceedsSize(value: unknown, limit: number): boolean {
  let total = 0;
  const path = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') total += v.length + 2;
    else if (typeof v !== 'object' || v === null) total += 5;
    else {
      // Only ancestors make a cycle: the same object twice side by side is fine (it is written twice).
      if (path.has(v))
        throw new TypeError('the output refers to itself (a cycle), so it cannot be stored as JSON');
      path.add(v);
      total += 2;
      if (Array.isArray(v)) {
        for (const item of v) {
          total += 1;
          visit(item);
        }
      } else {
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          total += key.length + 4;
          visit((v as Record<string, unknown>)[key]);
        }
      }
      path.delete(v);
    }
    if (total > limit) throw new TooLarge();
  };
  try {
    visit(value);
    return false;
  } catch (error) {
    if (error instanceof TooLarge || error instanceof RangeError) return true;
    throw error;
  }
}
