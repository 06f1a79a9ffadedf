/**
 * Edges as they live in a node: `next` (one id, or ordered branches ending with a default), `body`,
 * `branches` and `onError.fallback`. Pure helpers on plain JS values: an untouched value comes back as
 * the same object, which lets the YAML patcher skip it without looking inside.
 */
import { isPlainObject } from './deep-merge.ts';
import { UserError } from './errors.ts';

/** A node as found in the file: any object; the fields edges use are read defensively. */
export type NodeObject = Record<string, unknown>;

/** The edge a `connect` edit adds. */
export interface NewEdge {
  to: string;
  when?: string;
  on?: string;
  label?: string;
  isDefault: boolean;
}

function isDefaultEntry(e: unknown): e is { default: unknown } {
  return isPlainObject(e) && 'default' in e;
}

/** Removes `key` from a copy of `obj`, keeping the order of the other keys. */
export function withoutKey(obj: NodeObject, key: string): NodeObject {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

/** A branch list left with nothing collapses away; one left with only a default collapses to its id. */
function collapse(list: unknown[]): unknown {
  if (list.length === 0) return undefined;
  const only = list[0];
  if (list.length === 1 && isDefaultEntry(only) && Object.keys(only).length === 1) return only.default;
  return list;
}

/** `next` without the edges that point at `id` (undefined: no `next` left). */
export function dropNextTarget(next: unknown, id: string): unknown {
  if (next === id) return undefined;
  if (!Array.isArray(next)) return next;
  const kept = next.filter((e) => !(isPlainObject(e) && (e.to === id || e.default === id)));
  return kept.length === next.length ? next : collapse(kept);
}

/** `next` with every edge to `from` pointing at `to` instead. */
export function renameNextTarget(next: unknown, from: string, to: string): unknown {
  if (next === from) return to;
  if (!Array.isArray(next)) return next;
  let changed = false;
  const renamed = next.map((e) => {
    if (!isPlainObject(e)) return e;
    let out = e;
    if (out.to === from) out = { ...out, to };
    if (out.default === from) out = { ...out, default: to };
    if (out !== e) changed = true;
    return out;
  });
  return changed ? renamed : next;
}

/** `next` with one more edge: a branch goes before the default; a default edge replaces the default. */
export function addNextEdge(next: unknown, edge: NewEdge, nodeId: string): unknown {
  const conditional = !edge.isDefault && (edge.when !== undefined || edge.on !== undefined);
  const branch: Record<string, unknown> = {};
  if (edge.when !== undefined) branch.when = edge.when;
  if (edge.on !== undefined) branch.on = edge.on;
  branch.to = edge.to;
  if (edge.label !== undefined) branch.label = edge.label;
  if (next === undefined || next === null) return conditional ? [branch] : edge.to;
  if (typeof next === 'string') {
    if (!conditional) return edge.to;
    return [branch, { default: next }];
  }
  if (!Array.isArray(next)) {
    throw new UserError(
      'invalid-next',
      `node '${nodeId}': next must be a node id or a list of branches to add an edge`,
      { nodeId },
    );
  }
  const defaultAt = next.findIndex(isDefaultEntry);
  if (!conditional) {
    if (defaultAt < 0) return [...next, { default: edge.to }];
    const current = next[defaultAt] as Record<string, unknown>;
    if (current.default === edge.to) return next;
    return next.map((e, i) => (i === defaultAt ? { ...current, default: edge.to } : e));
  }
  const same = next.some(
    (e) => isPlainObject(e) && e.to === edge.to && e.when === edge.when && e.on === edge.on,
  );
  if (same) return next;
  const at = defaultAt < 0 ? next.length : defaultAt;
  return [...next.slice(0, at), branch, ...next.slice(at)];
}

/** The node without any edge to `id`; `fallback` also drops an `onError: { fallback: id }`. */
export function dropEdgesTo(node: NodeObject, id: string, fallback: boolean): NodeObject {
  let out = node;
  if ('next' in out) {
    const next = dropNextTarget(out.next, id);
    if (next !== out.next) out = next === undefined ? withoutKey(out, 'next') : { ...out, next };
  }
  if (out.body === id) out = withoutKey(out, 'body');
  if (Array.isArray(out.branches) && out.branches.includes(id)) {
    out = { ...out, branches: out.branches.filter((b) => b !== id) };
  }
  if (fallback && isPlainObject(out.onError) && out.onError.fallback === id) out = withoutKey(out, 'onError');
  return out;
}

/** The node with every edge to `from` pointing at `to`. */
export function renameEdges(node: NodeObject, from: string, to: string): NodeObject {
  let out = node;
  if ('next' in out) {
    const next = renameNextTarget(out.next, from, to);
    if (next !== out.next) out = { ...out, next };
  }
  if (out.body === from) out = { ...out, body: to };
  if (Array.isArray(out.branches) && out.branches.includes(from)) {
    out = { ...out, branches: out.branches.map((b) => (b === from ? to : b)) };
  }
  if (isPlainObject(out.onError) && out.onError.fallback === from)
    out = { ...out, onError: { ...out.onError, fallback: to } };
  return out;
}
