/**
 * The edits behind a loop's body and a parallel node's branches, made from the inspector and
 * (through connection-edits.ts) by drawing an edge on the canvas.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';
import { edit } from './edits.ts';

/** Points the loop's body at `to`; an empty target removes `body:`. */
export function setBody(node: WorkflowNode, to: string): WorkflowEdit {
  return edit.setNodeField(node.id, ['body'], to || undefined);
}

/** Appends a branch starting at `to` (nothing when it is already one). */
export function addBranch(node: WorkflowNode, to: string): WorkflowEdit[] {
  const branches = node.branches ?? [];
  return !to || branches.includes(to) ? [] : [edit.setNodeField(node.id, ['branches'], [...branches, to])];
}

/** Points branch `index` at `to`, keeping its place in the list. */
export function retargetBranch(node: WorkflowNode, index: number, to: string): WorkflowEdit[] {
  const branches = node.branches ?? [];
  if (branches[index] === to) return [];
  // Two branches starting at one node would run it twice: drop the duplicate instead.
  if (branches.includes(to)) return removeBranch(node, index);
  return [edit.setNodeField(node.id, ['branches', index], to)];
}

/** Removes branch `index`; removing the last one removes `branches:`. */
export function removeBranch(node: WorkflowNode, index: number): WorkflowEdit[] {
  const rest = (node.branches ?? []).filter((_, i) => i !== index);
  return [edit.setNodeField(node.id, ['branches'], rest.length ? rest : undefined)];
}
