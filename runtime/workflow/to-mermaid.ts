/**
 * A Mermaid flowchart of a workflow, for READMEs, pull requests and docs: one box per node, edge
 * labels from `when`/`on`/`default`, dashed edges for loop bodies, parallel branches and fallbacks.
 */
import type { Branch, Workflow, WorkflowNode } from './types.ts';

/** Mermaid `flowchart TD` source for a workflow. */
export function toMermaid(workflow: Workflow): string {
  const names = mermaidIds(workflow.nodes);
  const ref = (id: string) => names.get(id) ?? `missing_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const lines = ['flowchart TD'];
  for (const node of workflow.nodes) lines.push(`  ${ref(node.id)}${shape(node)}`);
  for (const node of workflow.nodes) {
    const from = ref(node.id);
    if (typeof node.next === 'string') lines.push(`  ${from} --> ${ref(node.next)}`);
    else if (Array.isArray(node.next)) {
      for (const branch of node.next) {
        if ('default' in branch) lines.push(`  ${from} -->|"default"| ${ref(branch.default)}`);
        else lines.push(`  ${from} -->|"${escapeLabel(branchLabel(branch))}"| ${ref(branch.to)}`);
      }
    }
    if (node.body) lines.push(`  ${from} -.->|"body"| ${ref(node.body)}`);
    for (const to of node.branches ?? []) lines.push(`  ${from} -.->|"parallel"| ${ref(to)}`);
    if (typeof node.onError === 'object')
      lines.push(`  ${from} -.->|"on error"| ${ref(node.onError.fallback)}`);
  }
  const disabled = workflow.nodes.filter((n) => n.disabled).map((n) => ref(n.id));
  if (disabled.length > 0) {
    lines.push(
      '  classDef disabled stroke-dasharray: 4 4,opacity:0.5',
      `  class ${disabled.join(',')} disabled`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function branchLabel(branch: Branch): string {
  if (branch.label) return branch.label;
  if (branch.on !== undefined) return `on: ${branch.on}`;
  return (branch.when ?? '').replace(/^\{\{\s*|\s*\}\}$/g, '');
}

/** Box text: the name (or id) and the plugin; the shape says what kind of step it is. */
function shape(node: WorkflowNode): string {
  const plugin = node.uses.split('@')[0]!;
  const text = `"${escapeLabel(node.name ?? node.id)}<br/><small>${escapeLabel(plugin)}</small>"`;
  if (plugin === 'core/end' || plugin === 'core/start') return `([${text}])`;
  if (plugin === 'core/loop' || plugin === 'core/parallel') return `{{${text}}}`;
  if (plugin === 'core/workflow') return `[[${text}]]`;
  return `[${text}]`;
}

/** Mermaid ids: our ids may contain '-' or be keywords like `end`, so prefix and sanitise them. */
function mermaidIds(nodes: readonly WorkflowNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const { id } of nodes) {
    if (out.has(id)) continue;
    let name = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    for (let i = 2; used.has(name); i++) name = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}_${i}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

function escapeLabel(text: string): string {
  return text
    .replaceAll('&', '#amp;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '#lt;')
    .replaceAll('>', '#gt;');
}
