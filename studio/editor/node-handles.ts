/**
 * Which outgoing handles a node draws: one labelled handle per branch (from the manifest's
 * `branches`, the node's config, or its own `next:` entries), plus `default`; loops and parallel
 * nodes get `body` / `branches`; end nodes get none.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';

/** One outgoing handle. Its `id` says which edit a new connection from it makes. */
export interface SourceHandle {
  id: string;
  label?: string;
  kind: 'out' | 'on' | 'when' | 'default' | 'body' | 'branches';
}

/** Reads branch names from a config value: `[a, b]`, `[{name: a}, ...]` or `{a: ..., b: ...}`. */
export function branchNamesFrom(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'string') return item;
        const o = (item ?? {}) as Record<string, unknown>;
        const name = o.name ?? o.id ?? o.intent ?? o.label ?? o.branch ?? o.value;
        return typeof name === 'string' ? name : undefined;
      })
      .filter((n): n is string => !!n);
  }
  if (value && typeof value === 'object') return Object.keys(value);
  return [];
}

/** The branch names a node can report, as declared by its manifest. */
export function declaredBranches(node: WorkflowNode, manifest: PluginManifest | undefined): string[] {
  const branches = manifest?.branches;
  if (!branches) return [];
  if (Array.isArray(branches)) return branches;
  return branchNamesFrom(node.with?.[branches.fromConfig]);
}

/** Shortens an expression for a handle or edge label. */
export function shortExpression(expr: string, max = 28): string {
  const inner = expr.replace(/^\s*\{\{\s*/, '').replace(/\s*\}\}\s*$/, '');
  return inner.length > max ? `${inner.slice(0, max - 1)}…` : inner;
}

/** The outgoing handles of a node, in the order they are drawn top to bottom. */
export function sourceHandles(node: WorkflowNode, manifest: PluginManifest | undefined): SourceHandle[] {
  const control = manifest?.control;
  if (control === 'end') return [];
  const handles: SourceHandle[] = [];
  if (control === 'loop') handles.push({ id: 'body', label: 'body', kind: 'body' });
  if (control === 'parallel') handles.push({ id: 'branches', label: 'branch', kind: 'branches' });
  const names = new Set(declaredBranches(node, manifest));
  const next = Array.isArray(node.next) ? node.next : [];
  for (const entry of next) if ('on' in entry && entry.on) names.add(entry.on);
  for (const name of names) handles.push({ id: `on:${name}`, label: name, kind: 'on' });
  next.forEach((entry, index) => {
    if ('when' in entry && entry.when !== undefined) {
      handles.push({
        id: `when:${index}`,
        label: entry.label ?? shortExpression(String(entry.when)),
        kind: 'when',
      });
    }
  });
  const branchy = handles.some((h) => h.kind === 'on' || h.kind === 'when');
  if (branchy) handles.push({ id: 'default', label: 'default', kind: 'default' });
  else
    handles.push({
      id: 'out',
      label: control === 'loop' || control === 'parallel' ? 'done' : undefined,
      kind: 'out',
    });
  return handles;
}

/** True when the node accepts incoming edges (everything but a start node). */
export function hasTargetHandle(manifest: PluginManifest | undefined): boolean {
  return manifest?.control !== 'start';
}
