/**
 * Derives the canvas graph (positions and edges) from a parsed workflow. Pure: the canvas, the
 * benchmark and the unit tests all use it.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { startOf } from '../../runtime/workflow/node-refs.ts';
import type { Workflow, WorkflowNode } from '../../runtime/workflow/types.ts';
import { type SourceHandle, shortExpression, sourceHandles } from './node-handles.ts';

/** One drawn edge, named by the node that owns it. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  handle: string;
  label?: string;
  kind: SourceHandle['kind'];
}

/** Looks up a node's manifest from its `uses:` (`scope/name@range`). */
export function manifestFor(
  node: WorkflowNode,
  manifests: ReadonlyMap<string, PluginManifest>,
): PluginManifest | undefined {
  return manifests.get(pluginIdOf(node.uses));
}

/** `core/http@^1` → `core/http`. */
export function pluginIdOf(uses: string): string {
  const at = uses.indexOf('@', 1);
  return at === -1 ? uses : uses.slice(0, at);
}

/** Every edge of the workflow; edges to unknown nodes are left out (they show as problems). */
export function edgesOf(workflow: Workflow, manifests: ReadonlyMap<string, PluginManifest>): GraphEdge[] {
  const ids = new Set(workflow.nodes.map((n) => n.id));
  const edges: GraphEdge[] = [];
  const add = (from: string, to: string, handle: string, kind: GraphEdge['kind'], label?: string) => {
    if (ids.has(to))
      edges.push({ id: `${from}/${handle}/${edges.length}->${to}`, from, to, handle, kind, label });
  };
  for (const node of workflow.nodes) {
    const handles = sourceHandles(node, manifestFor(node, manifests));
    const branchy = handles.some((h) => h.id === 'default');
    if (node.body) add(node.id, node.body, 'body', 'body', 'body');
    for (const [i, b] of (node.branches ?? []).entries())
      add(node.id, b, 'branches', 'branches', `branch ${i + 1}`);
    if (typeof node.next === 'string')
      add(node.id, node.next, branchy ? 'default' : 'out', branchy ? 'default' : 'out');
    else if (Array.isArray(node.next)) {
      node.next.forEach((entry, index) => {
        if ('default' in entry)
          add(node.id, entry.default, branchy ? 'default' : 'out', 'default', 'default');
        else if (entry.on) add(node.id, entry.to, `on:${entry.on}`, 'on', entry.label ?? entry.on);
        else if (entry.when !== undefined)
          add(node.id, entry.to, `when:${index}`, 'when', entry.label ?? shortExpression(String(entry.when)));
        else add(node.id, entry.to, branchy ? 'default' : 'out', 'out', entry.label);
      });
    }
  }
  return edges;
}

/** Column and row spacing of the fallback placement, in canvas pixels. */
export const GRID = { x: 300, y: 130 };

/**
 * Positions from the `layout:` block; nodes it does not place go in columns by distance from the
 * start, so a hand-written file still reads left to right.
 */
export function positionsOf(
  workflow: Workflow,
  edges: GraphEdge[],
): Record<string, { x: number; y: number }> {
  const layout = workflow.layout ?? {};
  const positions: Record<string, { x: number; y: number }> = {};
  const missing = workflow.nodes.filter((n) => !layout[n.id]);
  for (const n of workflow.nodes)
    if (layout[n.id]) positions[n.id] = { x: layout[n.id]!.x, y: layout[n.id]!.y };
  if (missing.length === 0) return positions;
  const outs = new Map<string, string[]>();
  for (const e of edges) outs.set(e.from, [...(outs.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>();
  const start = startOf(workflow);
  const queue = start ? [start] : [];
  if (start) depth.set(start, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const to of outs.get(id) ?? []) {
      if (!depth.has(to)) {
        depth.set(to, depth.get(id)! + 1);
        queue.push(to);
      }
    }
  }
  // Push nodes right of every forward edge into them (longest path), so a branch that skips a step
  // still lands after it; edges back to earlier-discovered nodes (loops) are ignored.
  const order = new Map([...depth.keys()].map((id, i) => [id, i]));
  for (let pass = 0; pass < 4; pass++) {
    for (const e of edges) {
      const a = order.get(e.from);
      const b = order.get(e.to);
      if (a === undefined || b === undefined || a >= b) continue;
      if (depth.get(e.to)! <= depth.get(e.from)!) depth.set(e.to, depth.get(e.from)! + 1);
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const rows = new Map<number, number>();
  const placedYs = Object.values(positions).map((p) => p.y);
  const top = placedYs.length ? Math.max(...placedYs) + GRID.y : 0;
  for (const n of missing) {
    const col = depth.get(n.id) ?? maxDepth + 1;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    positions[n.id] = { x: col * GRID.x, y: (placedYs.length ? top : 0) + row * GRID.y };
  }
  return positions;
}

/** Ids of every node that can run before `id` (its ancestors): whose outputs are in scope. */
export function upstreamOf(id: string, edges: GraphEdge[]): string[] {
  const ins = new Map<string, string[]>();
  for (const e of edges) ins.set(e.to, [...(ins.get(e.to) ?? []), e.from]);
  const seen = new Set<string>();
  const stack = [...(ins.get(id) ?? [])];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur) || cur === id) continue;
    seen.add(cur);
    stack.push(...(ins.get(cur) ?? []));
  }
  return [...seen];
}
