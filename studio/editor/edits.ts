/**
 * Builders for the WorkflowEdit objects (runtime/workflow/edit.ts) the canvas and inspector
 * dispatch, so call sites read as what the builder did. Positions are rounded where the edit is
 * applied (runtime/workflow/edit-model.ts), not here.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';

/** What a `connect` edit says: the edge's ends and, for a branch, its `when`/`on`. */
type Connection = Omit<Extract<WorkflowEdit, { type: 'connect' }>, 'type'>;

/** A path inside a node or the document: keys and array indexes. */
export type FieldPath = Array<string | number>;

/** The edits the studio makes, by name. */
export const edit = {
  addNode: (node: WorkflowNode, position?: { x: number; y: number }, after?: string): WorkflowEdit => ({
    type: 'add-node',
    node,
    ...(position ? { position } : {}),
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
  connect: (c: Connection): WorkflowEdit => ({ type: 'connect', ...c }),
  disconnect: (from: string, to: string): WorkflowEdit => ({ type: 'disconnect', from, to }),
  moveNode: (id: string, x: number, y: number): WorkflowEdit => ({ type: 'move-node', id, x, y }),
};
