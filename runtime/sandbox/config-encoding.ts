/**
 * How a node's config travels to the isolate. Configs are almost always plain JSON data; those go as
 * JSON text that the isolate parses itself (one copy, no structured clone on either side). Members
 * that are `undefined` (an expression with no value) go as `null` plus their paths, and the isolate
 * puts `undefined` back in place, so `'key' in config` and key order stay as in-process. A config
 * JSON cannot carry exactly (-0, NaN, a Date, a Map, a hole in an array, a class instance) goes as
 * V8 structured-clone bytes and is copied in with isolated-vm's ExternalCopy instead.
 */
import { serialize } from 'node:v8';

/** The config on the wire: JSON text (with the paths of undefined members), or structured-clone bytes. */
export type EncodedConfig =
  | { format: 'json'; body: string; undefinedPaths: Array<Array<string | number>> }
  | { format: 'v8'; body: Buffer };

// Deeper configs are rare; they take the structured-clone path rather than a deep walk here.
const MAX_JSON_DEPTH = 64;
// Past this many undefined members, the structured-clone path is simpler than patching.
const MAX_UNDEFINED = 64;

/** Encodes `config`; throws (a DataCloneError, "could not be cloned") when it is not plain data. */
export function encodeConfig(config: unknown): EncodedConfig {
  const undefinedPaths: Array<Array<string | number>> = [];
  if (!isExactJson(config, [], undefinedPaths)) return { format: 'v8', body: serialize(config) };
  const json = JSON.stringify(undefinedPaths.length > 0 ? withNulls(config, undefinedPaths) : config);
  return { format: 'json', body: json, undefinedPaths };
}

/**
 * True when JSON.stringify keeps `value` exactly, except for undefined members (recorded in `found`,
 * by path): those JSON would drop.
 */
function isExactJson(
  value: unknown,
  path: Array<string | number>,
  found: Array<Array<string | number>>,
): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (path.length >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) {
            // A hole would come back as an undefined member: not the same array.
            if (!(i in value) || found.length >= MAX_UNDEFINED) return false;
            found.push([...path, i]);
            continue;
          }
          path.push(i);
          const exact = isExactJson(item, path, found);
          path.pop();
          if (!exact) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) {
          // Assigning to `__proto__` in the isolate would not make a member.
          if (key === '__proto__' || found.length >= MAX_UNDEFINED) return false;
          found.push([...path, key]);
          continue;
        }
        path.push(key);
        const exact = isExactJson(member, path, found);
        path.pop();
        if (!exact) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** A copy of `config` with null at each path (containers on those paths copied, the rest shared). */
function withNulls(config: unknown, paths: Array<Array<string | number>>): unknown {
  const copies = new Map<object, Record<string | number, unknown>>();
  const copyOf = (value: object) => {
    let copy = copies.get(value);
    if (!copy) {
      copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
      copies.set(value, copy);
    }
    return copy;
  };
  const root = copyOf(config as object);
  for (const path of paths) {
    let original = config as Record<string | number, unknown>;
    let copy = root;
    for (let i = 0; i < path.length - 1; i++) {
      original = original[path[i]!] as Record<string | number, unknown>;
      const next = copyOf(original);
      copy[path[i]!] = next;
      copy = next;
    }
    copy[path[path.length - 1]!] = null;
  }
  return root;
}
