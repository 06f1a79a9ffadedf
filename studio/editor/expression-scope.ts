/**
 * What an expression in a node may refer to: the workflow's `inputs.*`, `vars.*` set by earlier
 * `set` nodes, and `nodes.<id>.*` of the nodes that can run before it (with their manifest's
 * output fields). Used for autocomplete in the inspector.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { expressionFunctions } from '../../runtime/engine/expression/functions.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { edgesOf, manifestFor, upstreamOf } from './workflow-graph.ts';

/** One completion: the text inserted and a short note. */
export interface ScopeEntry {
  label: string;
  detail: string;
}

function outputFields(manifest: PluginManifest | undefined): string[] {
  const props = (manifest?.outputs as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/** Keys a `set` node defines (`with: {vars: {...}}` or its `with:` keys). */
function setKeys(withBlock: Record<string, unknown> | undefined): string[] {
  if (!withBlock) return [];
  const vars = withBlock.vars ?? withBlock.values ?? withBlock;
  return vars && typeof vars === 'object' ? Object.keys(vars as object) : [];
}

/** Every name in scope for expressions of node `nodeId`. */
export function expressionScope(
  workflow: Workflow,
  nodeId: string,
  manifests: ReadonlyMap<string, PluginManifest>,
): ScopeEntry[] {
  const entries: ScopeEntry[] = [];
  for (const [name, spec] of Object.entries(workflow.inputs ?? {})) {
    entries.push({ label: `inputs.${name}`, detail: spec.type ? `input (${spec.type})` : 'input' });
  }
  const upstream = new Set(upstreamOf(nodeId, edgesOf(workflow, manifests)));
  const vars = new Set<string>();
  for (const node of workflow.nodes) {
    if (!upstream.has(node.id)) continue;
    const manifest = manifestFor(node, manifests);
    if (manifest?.control === 'set') for (const key of setKeys(node.with)) vars.add(key);
    entries.push({ label: `nodes.${node.id}`, detail: manifest?.title ?? node.uses });
    for (const field of outputFields(manifest))
      entries.push({ label: `nodes.${node.id}.${field}`, detail: `output of ${node.id}` });
  }
  for (const v of vars) entries.push({ label: `vars.${v}`, detail: 'variable' });
  const self = workflow.nodes.find((n) => n.id === nodeId);
  for (const field of outputFields(self && manifestFor(self, manifests))) {
    entries.push({ label: `output.${field}`, detail: 'this node’s output (in next: conditions)' });
  }
  // The expression language's functions, after the names (names are what builders look for first).
  for (const [name, fn] of Object.entries(expressionFunctions))
    entries.push({ label: `${name}(`, detail: fn.doc });
  return entries;
}
