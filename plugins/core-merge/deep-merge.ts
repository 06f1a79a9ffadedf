/** Deep merge of plain JSON objects, safe against prototype pollution. */

/** What to do when both sides hold a list. */
export type ArrayMerge = 'replace' | 'concat' | 'union';

/** Keys that would reach Object.prototype if copied; never merged. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for `{...}` objects (not lists, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of a JSON value, so the merged result never aliases an input. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isPlainObject(value)) return mergeInto({}, value, 'replace');
  return value;
}

/** Merges lists under the chosen rule; `union` keeps the first of equal items (compared as JSON). */
function mergeArrays(left: unknown[], right: unknown[], mode: ArrayMerge): unknown[] {
  if (mode === 'replace') return right.map(copy);
  if (mode === 'concat') return [...left, ...right.map(copy)];
  const seen = new Set(left.map((item) => JSON.stringify(item)));
  const out = [...left];
  for (const item of right) {
    const key = JSON.stringify(item);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(copy(item));
    }
  }
  return out;
}

/** Merges `source` into `target` (mutating target) and returns it; later values win, objects merge. */
function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  arrays: ArrayMerge,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if (UNSAFE_KEYS.has(key) || value === undefined) continue;
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) target[key] = mergeInto(current, value, arrays);
    else if (Array.isArray(current) && Array.isArray(value))
      target[key] = mergeArrays(current, value, arrays);
    else target[key] = copy(value);
  }
  return target;
}

/** Deep-merges objects left to right into a new object; non-objects in the list are ignored. */
export function deepMerge(items: unknown[], arrays: ArrayMerge = 'replace'): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const item of items) if (isPlainObject(item)) mergeInto(result, item, arrays);
  return result;
}
