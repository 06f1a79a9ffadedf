/**
 * Overlays: a file that changes a base workflow at load time (per tenant, per deployment) without
 * copying it. Operations run in order; each failing one is reported with its file, line, column and
 * number, and the others still apply so a builder sees every mistake at once.
 */
import { deepMerge } from './deep-merge.ts';
import { refsTo, retarget, singleNext, startOf } from './node-refs.ts';
import type { Locate } from './source-locator.ts';
import { problemAt } from './source-locator.ts';
import type { SourcedWorkflow, SourceLayer } from './sourced-workflow.ts';
import type { Next, OnError, Problem, Workflow, WorkflowNode } from './types.ts';

/** Settings an overlay may change on a node; objects (`with`, `retry`, `circuitBreaker`) merge, `null` deletes. */
export interface NodePatch {
  with?: Record<string, unknown>;
  timeout?: number | string;
  retry?: Record<string, unknown>;
  onError?: OnError;
  circuitBreaker?: Record<string, unknown>;
  name?: string;
  description?: string;
  next?: Next;
  disabled?: boolean;
}

/** Top-level fields an overlay may change (deep-merged). */
export type WorkflowPatch = Partial<
  Pick<
    Workflow,
    'id' | 'name' | 'description' | 'version' | 'inputs' | 'outputs' | 'start' | 'meta' | 'layout'
  >
>;

/** One overlay operation. */
export type OverlayOperation =
  | { insert: WorkflowNode; before?: string; after?: string }
  | { replace: string; node: WorkflowNode }
  | { remove: string }
  | { disable: string }
  | ({ patch: string } & NodePatch)
  | { patchWorkflow: WorkflowPatch };

/** An overlay file: `overlay: <base ref>` plus operations. */
export interface Overlay {
  overlay: string;
  id?: string;
  description?: string;
  operations: OverlayOperation[];
}

/** Applies an overlay to a (sourced) base workflow; returns the new workflow and any problems. */
export function applyOverlay(
  base: SourcedWorkflow,
  overlay: Overlay,
  locate: Locate,
): { sourced: SourcedWorkflow; problems: Problem[] } {
  const wf: Workflow = structuredClone(base.workflow);
  const nodeLayers = base.nodeLayers.map((l) => [...l]);
  const rootLayers = [...base.rootLayers];
  const problems: Problem[] = [];
  const baseName = base.workflow.id;
  const layer = (prefix: Array<string | number>, value: unknown): SourceLayer => ({ locate, prefix, value });
  const indexOf = (id: string) => wf.nodes.findIndex((n) => n.id === id);

  // Returns whether the operation applied; a failed one is reported and skipped.
  const applyOne = (op: OverlayOperation, k: number): boolean => {
    const fail = (key: string, message: string): false => {
      problems.push(problemAt(locate(['operations', k, key]), 'overlay', `operation ${k + 1}: ${message}`));
      return false;
    };
    const missing = (key: string, id: string) =>
      fail(key, `node '${id}' does not exist in base '${baseName}'`);

    if ('insert' in op) {
      const node = structuredClone(op.insert);
      if (indexOf(node.id) >= 0)
        return fail('insert', `node '${node.id}' already exists in base '${baseName}'; use replace or patch`);
      if (op.before !== undefined && op.after !== undefined)
        return fail('after', 'give either before or after, not both');
      const anchor = op.before ?? op.after;
      const at = anchor === undefined ? wf.nodes.length : indexOf(anchor);
      if (anchor !== undefined && at < 0)
        return missing(op.before !== undefined ? 'before' : 'after', anchor);
      if (op.after !== undefined) {
        const pred = wf.nodes[at]!;
        if (Array.isArray(pred.next) && singleNext(pred) === undefined) {
          return fail(
            'after',
            `node '${op.after}' has conditional branches; insert before one of their targets instead`,
          );
        }
        node.next ??= singleNext(pred);
        if (node.next === undefined) delete node.next;
        pred.next = node.id;
      } else if (op.before !== undefined) {
        retarget(wf, op.before, node.id);
        node.next ??= op.before;
      }
      const index = op.after !== undefined ? at + 1 : at;
      wf.nodes.splice(index, 0, node);
      nodeLayers.splice(index, 0, [layer(['operations', k, 'insert'], op.insert)]);
    } else if ('replace' in op) {
      const i = indexOf(op.replace);
      if (i < 0) return missing('replace', op.replace);
      const node = structuredClone(op.node);
      if (node.id !== op.replace) {
        if (indexOf(node.id) >= 0)
          return fail('node', `node '${node.id}' already exists in base '${baseName}'`);
        retarget(wf, op.replace, node.id);
        renameLayout(wf, op.replace, node.id);
      }
      wf.nodes[i] = node;
      nodeLayers[i] = [layer(['operations', k, 'node'], op.node)];
    } else if ('remove' in op) {
      const i = indexOf(op.remove);
      if (i < 0) return missing('remove', op.remove);
      const removed = wf.nodes[i]!;
      const successor = singleNext(removed);
      const refs = refsTo(wf, op.remove).filter((r) => r.from !== op.remove);
      if (successor === undefined) {
        const structural = refs.find((r) => r.kind === 'body' || r.kind === 'branches');
        if (structural)
          return fail(
            'remove',
            `node '${op.remove}' starts a ${structural.kind === 'body' ? 'loop body' : 'parallel branch'} of '${structural.from}' and has no single next to take its place; replace it instead`,
          );
        if (Array.isArray(removed.next) && refs.length > 0)
          return fail(
            'remove',
            `node '${op.remove}' branches to several nodes, so its predecessors cannot be rewired; replace it instead`,
          );
      }
      const wasStart = startOf(wf) === op.remove;
      retarget(wf, op.remove, successor);
      wf.nodes.splice(i, 1);
      nodeLayers.splice(i, 1);
      if (wasStart && successor !== undefined && wf.nodes[0]?.id !== successor) wf.start = successor;
      if (wf.layout) delete wf.layout[op.remove];
    } else if ('disable' in op) {
      const node = wf.nodes[indexOf(op.disable)];
      if (!node) return missing('disable', op.disable);
      node.disabled = true;
    } else if ('patch' in op) {
      const i = indexOf(op.patch);
      if (i < 0) return missing('patch', op.patch);
      const { patch: _id, ...settings } = op;
      wf.nodes[i] = deepMerge(wf.nodes[i], settings) as WorkflowNode;
      nodeLayers[i]!.unshift(layer(['operations', k], op));
    } else if ('patchWorkflow' in op) {
      const { nodes, ...rest } = wf;
      const oldId = rest.id;
      Object.assign(wf, deepMerge(rest, op.patchWorkflow), { nodes });
      if (wf.id === undefined) wf.id = oldId;
      rootLayers.unshift(layer(['operations', k, 'patchWorkflow'], op.patchWorkflow));
    }
    return true;
  };
  for (const [k, op] of overlay.operations.entries()) applyOne(op, k);

  if (overlay.id !== undefined) {
    wf.id = overlay.id;
    rootLayers.unshift(layer([], { id: overlay.id }));
  }
  return { sourced: { workflow: wf, rootLayers, nodeLayers }, problems };
}

function renameLayout(wf: Workflow, from: string, to: string): void {
  if (!wf.layout || !(from in wf.layout)) return;
  const position = wf.layout[from]!;
  delete wf.layout[from];
  wf.layout[to] ??= position;
}
