/**
 * Every place a workflow refers to a node by id: `start`, `next` (string, `to:`, `default:`), `body`,
 * `branches` and `onError.fallback`. Overlays rename and rewire through here.
 */
import type { Branch, DefaultBranch, Workflow, WorkflowNode } from './types.ts';

/** What kind of reference points at a node. */
export type RefKind = 'start' | 'next' | 'body' | 'branches' | 'fallback';

/** A reference to a node: from which node (undefined for `start`) and how. */
export interface NodeRef {
  from?: string;
  kind: RefKind;
}

/** The node the run starts at: `start`, or the first node. */
export function startOf(workflow: Workflow): string | undefined {
  return workflow.start ?? workflow.nodes[0]?.id;
}

/** The single successor of a node (`next: id` or only a default), or undefined when it has none or branches. */
export function singleNext(node: WorkflowNode): string | undefined {
  if (typeof node.next === 'string') return node.next;
  if (Array.isArray(node.next) && node.next.length === 1 && 'default' in node.next[0]!) {
    return (node.next[0] as DefaultBranch).default;
  }
  return undefined;
}

/** Every reference to `id` (the layout key does not count: it is not logic). */
export function refsTo(workflow: Workflow, id: string): NodeRef[] {
  const refs: NodeRef[] = [];
  if (workflow.start === id) refs.push({ kind: 'start' });
  for (const node of workflow.nodes) {
    if (nextTargets(node).includes(id)) refs.push({ from: node.id, kind: 'next' });
    if (node.body === id) refs.push({ from: node.id, kind: 'body' });
    if (node.branches?.includes(id)) refs.push({ from: node.id, kind: 'branches' });
    if (typeof node.onError === 'object' && node.onError.fallback === id)
      refs.push({ from: node.id, kind: 'fallback' });
  }
  return refs;
}

/** The targets of a node's `next`, in order. */
export function nextTargets(node: WorkflowNode): string[] {
  if (typeof node.next === 'string') return [node.next];
  if (!Array.isArray(node.next)) return [];
  return node.next.map((b) => ('default' in b ? b.default : (b as Branch).to));
}

/**
 * Points every reference to `from` at `to`, in place. With `to` undefined the edges are dropped: the
 * run ends where the node was (a `next` list left empty disappears, as does an `onError` fallback).
 * Layout keys are left alone: rewiring an edge does not move a box.
 */
export function retarget(workflow: Workflow, from: string, to: string | undefined): void {
  if (workflow.start === from) {
    if (to === undefined) delete workflow.start;
    else workflow.start = to;
  }
  for (const node of workflow.nodes) {
    if (node.next === from) {
      if (to === undefined) delete node.next;
      else node.next = to;
    } else if (Array.isArray(node.next)) {
      const next = node.next.flatMap((b): Array<Branch | DefaultBranch> => {
        if ('default' in b) return b.default !== from ? [b] : to === undefined ? [] : [{ ...b, default: to }];
        return b.to !== from ? [b] : to === undefined ? [] : [{ ...b, to }];
      });
      if (next.length === 0) delete node.next;
      else node.next = next;
    }
    if (node.body === from) {
      if (to === undefined) delete node.body;
      else node.body = to;
    }
    if (node.branches?.includes(from)) {
      node.branches = node.branches.flatMap((b) => (b !== from ? [b] : to === undefined ? [] : [to]));
    }
    if (typeof node.onError === 'object' && node.onError.fallback === from) {
      if (to === undefined) delete node.onError;
      else node.onError = { fallback: to };
    }
  }
}
