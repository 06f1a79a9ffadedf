/**
 * What an edit means for the plain JS value of a workflow file. Pure and immutable: untouched parts
 * come back as the same objects, so the YAML patcher (yaml-patch.ts) only looks where things changed.
 */
import { isPlainObject } from './deep-merge.ts';
import type { WorkflowEdit } from './edit.ts';
import { assertValidNodeId, renameInExpressions } from './edit-ids.ts';
import { addNextEdge, dropEdgesTo, type NodeObject, renameEdges, withoutKey } from './edit-next.ts';
import { setIn, toPlain } from './edit-path.ts';
import { UserError } from './errors.ts';

/** The top level of a workflow file as plain JS. */
export type WorkflowObject = Record<string, unknown>;

function nodesOf(model: WorkflowObject): unknown[] {
  if (!Array.isArray(model.nodes)) {
    throw new UserError('invalid-workflow', 'the workflow has no `nodes:` list to edit', { path: '/nodes' });
  }
  return model.nodes;
}

function findNode(nodes: unknown[], id: unknown, edit: WorkflowEdit, role = 'node'): number {
  const at = nodes.findIndex((n) => isPlainObject(n) && n.id === id);
  if (at < 0)
    throw new UserError('unknown-node', `${edit.type}: there is no node with id '${String(id)}' (${role})`, {
      id,
    });
  return at;
}

function assertFreeId(nodes: unknown[], id: string, edit: WorkflowEdit): void {
  if (nodes.some((n) => isPlainObject(n) && n.id === id)) {
    throw new UserError('duplicate-id', `${edit.type}: a node with id '${id}' already exists`, { id });
  }
}

function layoutOf(model: WorkflowObject): Record<string, unknown> {
  if (model.layout === undefined || model.layout === null) return {};
  if (!isPlainObject(model.layout))
    throw new UserError('invalid-workflow', '`layout:` must be a map of node ids to positions', {
      path: '/layout',
    });
  return model.layout;
}

function position(x: unknown, y: unknown, edit: WorkflowEdit): { x: number; y: number } {
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new UserError('invalid-position', `${edit.type}: x and y must be finite numbers`, { x, y });
  }
  // `+ 0` turns -0 into 0, which YAML would otherwise print as `-0`.
  return { x: Math.round(x) + 0, y: Math.round(y) + 0 };
}

function replaceAt<T>(list: T[], at: number, item: T): T[] {
  return list[at] === item ? list : list.map((v, i) => (i === at ? item : v));
}

/** Every string below `value` with its expressions renamed; untouched branches keep their identity. */
function renameStrings(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return renameInExpressions(value, from, to);
  if (Array.isArray(value)) {
    const out = value.map((v) => renameStrings(v, from, to));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = renameStrings(v, from, to);
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}

function mapNodes(model: WorkflowObject, nodes: unknown[], fn: (n: NodeObject) => NodeObject): unknown[] {
  const out = nodes.map((n) => (isPlainObject(n) ? fn(n) : n));
  return out.some((n, i) => n !== nodes[i]) ? out : (model.nodes as unknown[]);
}

/** Applies one edit to the plain JS value of a workflow file; throws UserError for an edit that cannot apply. */
export function applyEditToModel(model: WorkflowObject, edit: WorkflowEdit): WorkflowObject {
  const nodes = nodesOf(model);
  switch (edit.type) {
    case 'add-node': {
      const node = toPlain(edit.node);
      if (!isPlainObject(node))
        throw new UserError('invalid-node', 'add-node: node must be an object with an id', {});
      assertValidNodeId(node.id, 'add-node');
      assertFreeId(nodes, node.id, edit);
      const at = edit.after === undefined ? nodes.length : findNode(nodes, edit.after, edit, 'after') + 1;
      const out: WorkflowObject = { ...model, nodes: [...nodes.slice(0, at), node, ...nodes.slice(at)] };
      if (edit.position)
        out.layout = { ...layoutOf(model), [node.id]: position(edit.position.x, edit.position.y, edit) };
      return out;
    }
    case 'remove-node': {
      const at = findNode(nodes, edit.id, edit);
      const kept = nodes.filter((_, i) => i !== at);
      let out: WorkflowObject = {
        ...model,
        nodes: kept.map((n) => (isPlainObject(n) ? dropEdgesTo(n, edit.id, true) : n)),
      };
      if (out.start === edit.id) out = withoutKey(out, 'start');
      const layout = layoutOf(model);
      if (edit.id in layout) out.layout = withoutKey(layout, edit.id);
      return out;
    }
    case 'rename-node': {
      const { from, to } = edit;
      findNode(nodes, from, edit, 'from');
      assertValidNodeId(to, 'rename-node');
      if (from === to) return model;
      assertFreeId(nodes, to, edit);
      const out: WorkflowObject = {};
      for (const [k, v] of Object.entries(model)) {
        if (k === 'nodes') {
          out.nodes = mapNodes(model, nodes, (n) =>
            renameEdges(n.id === from ? { ...n, id: to } : n, from, to),
          );
          out.nodes = renameStrings(out.nodes, from, to);
        } else if (k === 'layout' && isPlainObject(v) && from in v) {
          out.layout = Object.fromEntries(Object.entries(v).map(([id, p]) => [id === from ? to : id, p]));
        } else if (k === 'start' && v === from) {
          out.start = to;
        } else {
          out[k] = k === 'layout' ? v : renameStrings(v, from, to);
        }
      }
      return out;
    }
    case 'set-node-field': {
      const at = findNode(nodes, edit.id, edit);
      if (edit.path.length === 0)
        throw new UserError('invalid-path', 'set-node-field: path must name a field inside the node', {});
      if (edit.path[0] === 'id')
        throw new UserError(
          'invalid-path',
          "set-node-field: use a 'rename-node' edit to change a node's id",
          {},
        );
      const node = setIn(nodes[at], edit.path, toPlain(edit.value), `node '${edit.id}'`);
      return node === nodes[at] ? model : { ...model, nodes: replaceAt(nodes, at, node) };
    }
    case 'set-field': {
      if (edit.path.length === 0)
        throw new UserError('invalid-path', 'set-field: path must name a top-level field', {});
      if (edit.path[0] === 'nodes')
        throw new UserError(
          'invalid-path',
          'set-field: change nodes with the node edits (add-node, set-node-field, ...)',
          {},
        );
      const updated = setIn(model, edit.path, toPlain(edit.value), 'the workflow') as WorkflowObject;
      return String(edit.path[0]) in model ? updated : inCanonicalPlace(updated, String(edit.path[0]));
    }
    case 'connect': {
      const at = findNode(nodes, edit.from, edit, 'from');
      findNode(nodes, edit.to, edit, 'to');
      const node = nodes[at] as NodeObject;
      const next = addNextEdge(
        node.next,
        { to: edit.to, when: edit.when, on: edit.on, label: edit.label, isDefault: edit.default === true },
        edit.from,
      );
      return next === node.next ? model : { ...model, nodes: replaceAt(nodes, at, { ...node, next }) };
    }
    case 'disconnect': {
      const at = findNode(nodes, edit.from, edit, 'from');
      const node = nodes[at] as NodeObject;
      const updated = dropEdgesTo(node, edit.to, true);
      if (updated === node)
        throw new UserError(
          'unknown-edge',
          `disconnect: there is no edge from '${edit.from}' to '${edit.to}'`,
          { from: edit.from, to: edit.to },
        );
      return { ...model, nodes: replaceAt(nodes, at, updated) };
    }
    case 'move-node': {
      findNode(nodes, edit.id, edit);
      const layout = layoutOf(model);
      const old = layout[edit.id];
      const p = position(edit.x, edit.y, edit);
      if (isPlainObject(old) && old.x === p.x && old.y === p.y) return model;
      return { ...model, layout: { ...layout, [edit.id]: isPlainObject(old) ? { ...old, ...p } : p } };
    }
    default: {
      const unknown: { type?: unknown } = edit;
      throw new UserError('invalid-edit', `unknown edit type '${String(unknown.type)}'`, {});
    }
  }
}

/** The order of a workflow's top-level sections, as the schema documents them. */
const SECTION_ORDER = [
  '$schema',
  'id',
  'name',
  'description',
  'version',
  'extends',
  'inputs',
  'outputs',
  'start',
  'meta',
  'nodes',
  'layout',
];

/**
 * A new top-level section goes where a person would write it (`version:` before `nodes:`, not
 * after `layout:`): just before the first existing section that the schema's order puts after it.
 */
function inCanonicalPlace(model: WorkflowObject, key: string): WorkflowObject {
  const rank = SECTION_ORDER.indexOf(key);
  if (rank < 0 || !(key in model)) return model;
  const others = Object.keys(model).filter((k) => k !== key);
  const before = others.findIndex((k) => SECTION_ORDER.indexOf(k) > rank);
  if (before < 0) return model;
  const keys = [...others.slice(0, before), key, ...others.slice(before)];
  return Object.fromEntries(keys.map((k) => [k, model[k]]));
}
