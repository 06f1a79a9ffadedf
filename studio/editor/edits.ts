/**
 * Builders for the WorkflowEdit objects (runtime/workflow/edit.ts) the canvas and inspector
 * dispatch, so call sites read as what the builder did.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';

/** A path inside a node or the document: keys and array indexes. */
export type FieldPath = Array<string | number>;

/** The edits the studio makes, by name. */
export const edit = {
  addNode: (node: WorkflowNode, position?: { x: number; y: number }, after?: string): WorkflowEdit => ({
    type: 'add-node',
    node,
    ...(position ? { position: { x: Math.round(position.x), y: Math.round(position.y) } } : {}),
    ...(after ? { after } : {}),
  }),
  removeNode: (id: string): WorkflowEdit => ({ type: 'remove-node', id }),
  renameNode: (from: string, to: string): WorkflowEdit => ({ type: 'rename-node', from, to }),
  setNodeField: (id: string, path: FieldPath, value: unknown): WorkflowEdit => ({
    type: 'set-node-field',
    id,
    path,
    value,
  }),
  setField: (path: FieldPath, value: unknown): WorkflowEdit => ({ type: 'set-field', path, value }),
  connect: (c: {
    from: string;
    to: string;
    when?: string;
    on?: string;
    label?: string;
    default?: boolean;
  }): WorkflowEdit => ({
    type: 'connect',
    ...c,
  }),
  disconnect: (from: string, to: string): WorkflowEdit => ({ type: 'disconnect', from, to }),
  moveNode: (id: string, x: number, y: number): WorkflowEdit => ({
    type: 'move-node',
    id,
    x: Math.round(x),
    y: Math.round(y),
  }),
};
