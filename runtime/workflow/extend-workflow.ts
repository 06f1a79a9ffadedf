/**
 * `extends:` inheritance: a child workflow starts from its base's nodes; a child node with a base
 * node's id replaces it in place (the base's edges keep pointing at it), other child nodes are added.
 */
import { deepMerge } from './deep-merge.ts';
import type { ParsedWorkflow } from './parse-workflow.ts';
import type { SourcedWorkflow } from './sourced-workflow.ts';
import type { Workflow } from './types.ts';

/** Merges a parsed child workflow onto its (already merged) base. */
export function extendWorkflow(
  base: SourcedWorkflow,
  child: ParsedWorkflow & { workflow: Workflow },
): SourcedWorkflow {
  const wf: Workflow = structuredClone(base.workflow);
  const nodeLayers = base.nodeLayers.map((l) => [...l]);
  const own = child.workflow;
  wf.id = own.id;
  for (const key of ['name', 'description', 'version', 'start'] as const) {
    if (own[key] !== undefined) wf[key] = own[key];
  }
  // Inputs, outputs and layout merge by name; meta merges deeply; each child entry wins.
  for (const key of ['inputs', 'outputs', 'layout'] as const) {
    if (own[key] !== undefined) wf[key] = { ...wf[key], ...structuredClone(own[key]) } as never;
  }
  if (own.meta !== undefined) wf.meta = deepMerge(wf.meta, own.meta) as Record<string, unknown>;
  delete wf.extends;

  const index = new Map(wf.nodes.map((n, i) => [n.id, i]));
  (own.nodes ?? []).forEach((node, j) => {
    const childLayer = [{ locate: child.locate, prefix: ['nodes', j], value: node }];
    const i = index.get(node.id);
    if (i === undefined) {
      index.set(node.id, wf.nodes.length);
      wf.nodes.push(structuredClone(node));
      nodeLayers.push(childLayer);
    } else {
      wf.nodes[i] = structuredClone(node);
      nodeLayers[i] = childLayer;
    }
  });
  return {
    workflow: wf,
    rootLayers: [{ locate: child.locate, prefix: [], value: child.value }, ...base.rootLayers],
    nodeLayers,
  };
}
