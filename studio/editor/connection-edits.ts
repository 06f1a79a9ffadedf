/**
 * What drawing or deleting an edge means for the YAML: the edits for a new connection from a
 * given handle, and for removing an edge.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { edit } from './edits.ts';
import { addBranch, setBody } from './structure-edits.ts';

/** Edits for connecting `from`'s handle `handle` to `to`. */
export function connectEdits(
  workflow: Workflow,
  from: string,
  handle: string | null | undefined,
  to: string,
): WorkflowEdit[] {
  const node = workflow.nodes.find((n) => n.id === from);
  if (!node || from === to) return [];
  const h = handle ?? 'out';
  if (h === 'body') return [setBody(node, to)];
  if (h === 'branches') return addBranch(node, to);
  if (h.startsWith('on:')) return [edit.connect({ from, to, on: h.slice(3) })];
  if (h.startsWith('when:')) {
    // Re-pointing an existing condition keeps its expression and position in the list.
    const index = Number(h.slice(5));
    return [edit.setNodeField(from, ['next', index, 'to'], to)];
  }
  if (h === 'default') return [edit.connect({ from, to, default: true })];
  return [edit.connect({ from, to })];
}

/** Edits for deleting the edge drawn from `from`'s handle `handle` to `to`. */
export function disconnectEdits(
  workflow: Workflow,
  from: string,
  handle: string | null | undefined,
  to: string,
): WorkflowEdit[] {
  const node = workflow.nodes.find((n) => n.id === from);
  if (!node) return [];
  if (handle === 'body') return [edit.setNodeField(from, ['body'], undefined)];
  if (handle === 'branches') {
    const rest = (node.branches ?? []).filter((b) => b !== to);
    return [edit.setNodeField(from, ['branches'], rest.length ? rest : undefined)];
  }
  return [edit.disconnect(from, to)];
}
