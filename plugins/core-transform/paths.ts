/** Dotted paths (`customer.address.city`, `items[0].name`) read from and written into plain objects. */

/** Keys that would reach Object.prototype; never written. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits `a.b[0].c` into ['a', 'b', '0', 'c']. */
export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of splitPath(path)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Sets `path` in `target`, creating objects on the way; unsafe keys are refused. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = splitPath(path);
  if (keys.length === 0 || keys.some((key) => UNSAFE_KEYS.has(key))) return;
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[keys.at(-1)!] = value;
}

/** Removes `path` from `target` when present. */
export function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = splitPath(path);
  const parent = keys.length > 1 ? getPath(target, keys.slice(0, -1).join('.')) : target;
  if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys.at(-1)!];
}
