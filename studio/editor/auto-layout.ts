/**
 * Auto-layout with elkjs (layered, left to right). Returns positions; the editor writes them as
 * move-node edits so a layout is one undoable step and only touches the `layout:` block.
 * elkjs is large, so it is loaded on first use.
 */
import type { ELKConstructorArguments, ELK as Elk } from 'elkjs/lib/elk-api.js';

type ElkConstructor = new (args?: ELKConstructorArguments) => Elk;
let elk: Promise<Elk> | undefined;

/** The ELK instance, loaded once. elk.bundled is CommonJS: its constructor is the module or its default. */
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((mod) => {
    const m = mod as unknown as { default?: ElkConstructor | { default?: ElkConstructor } };
    const ELK = (typeof m.default === 'function' ? m.default : (m.default?.default ?? mod)) as ElkConstructor;
    return new ELK();
  });
  return elk;
}

/** Node positions for a left-to-right layered layout of the given boxes and edges. */
export async function layoutGraph(
  nodes: Array<{ id: string; width: number; height: number }>,
  edges: Array<{ id: string; source: string; target: string }>,
): Promise<Record<string, { x: number; y: number }>> {
  const graph = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '140',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return out;
}
