/** Immutable get/set by path for edit values, with errors that say which path was wrong. */
import { isPlainObject } from './deep-merge.ts';
import { UserError } from './errors.ts';

/** A path inside the workflow value: map keys and list indexes. */
export type EditPath = Array<string | number>;

/** Edit values are JSON data: a deep copy without `undefined` keys (so the caller can't mutate the result later). */
export function toPlain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function invalid(where: string, path: EditPath, why: string): UserError {
  return new UserError('invalid-path', `${where}: cannot set ${JSON.stringify(path)}: ${why}`, { path });
}

function setOne(
  container: unknown,
  key: string | number,
  value: unknown,
  where: string,
  path: EditPath,
): unknown {
  if (Array.isArray(container)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > container.length) {
      throw invalid(where, path, `'${key}' is not an index of a list with ${container.length} items`);
    }
    if (value === undefined)
      return key < container.length ? container.filter((_, i) => i !== key) : container;
    if (key === container.length) return [...container, value];
    return Object.is(container[key], value) ? container : container.map((v, i) => (i === key ? value : v));
  }
  if (isPlainObject(container)) {
    const k = String(key);
    if (value === undefined) {
      if (!(k in container)) return container;
      const { [k]: _dropped, ...rest } = container;
      return rest;
    }
    return Object.is(container[k], value) ? container : { ...container, [k]: value };
  }
  throw invalid(
    where,
    path,
    `'${String(key)}' is inside a ${container === null ? 'null' : typeof container}, not a map or list`,
  );
}

/** `target` with `value` at `path` (undefined deletes); missing maps and lists on the way are created. */
export function setIn(
  target: unknown,
  path: EditPath,
  value: unknown,
  where: string,
  full: EditPath = path,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (rest.length === 0) return setOne(target, head, value, where, full);
  const child = Array.isArray(target)
    ? target[head as number]
    : isPlainObject(target)
      ? target[String(head)]
      : undefined;
  if (child === undefined || child === null) {
    if (value === undefined) return target;
    return setOne(
      target,
      head,
      setIn(typeof rest[0] === 'number' ? [] : {}, rest, value, where, full),
      where,
      full,
    );
  }
  if (typeof child !== 'object')
    throw invalid(where, full, `'${String(head)}' holds a ${typeof child}, not a map or list`);
  const updated = setIn(child, rest, value, where, full);
  return updated === child ? target : setOne(target, head, updated, where, full);
}
