/**
 * Turns the editor state into React Flow nodes and edges. Memoised on the workflow, manifests,
 * problems and run, so dragging or selecting does not rebuild it.
 */
import { type Edge, MarkerType } from '@xyflow/react';
import { useMemo } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { startOf } from '../../runtime/workflow/node-refs.ts';
import type { Problem, Workflow } from '../../runtime/workflow/types.ts';
import type { FlowNodeType } from './FlowNode.tsx';
import { hasTargetHandle, sourceHandles } from './node-handles.ts';
import type { RunView } from './run-view.ts';
import { edgesOf, manifestFor, positionsOf } from './workflow-graph.ts';

/** Problems by node id, read from JSON paths like `/nodes/3/with/url` (or a `nodes.<id>` mention). */
export function problemsByNode(workflow: Workflow, problems: Problem[]): Map<string, Problem[]> {
  const byNode = new Map<string, Problem[]>();
  for (const p of problems) {
    const m = /^\/nodes\/(\d+)/.exec(p.path);
    const id = m ? workflow.nodes[Number(m[1])]?.id : undefined;
    if (!id) continue;
    byNode.set(id, [...(byNode.get(id) ?? []), p]);
  }
  return byNode;
}

/** The canvas graph of a workflow. */
export function buildCanvasGraph(
  workflow: Workflow,
  manifests: ReadonlyMap<string, PluginManifest>,
  problems: Problem[],
  run: RunView,
  changed?: ReadonlySet<string>,
): { nodes: FlowNodeType[]; edges: Edge[] } {
  const graphEdges = edgesOf(workflow, manifests);
  const positions = positionsOf(workflow, graphEdges);
  const byNode = problemsByNode(workflow, problems);
  const start = startOf(workflow);
  const nodes: FlowNodeType[] = workflow.nodes.map((node) => {
    const manifest = manifestFor(node, manifests);
    return {
      id: node.id,
      type: 'workflow',
      position: positions[node.id] ?? { x: 0, y: 0 },
      data: {
        node,
        manifest,
        handles: sourceHandles(node, manifest),
        hasTarget: hasTargetHandle(manifest),
        isStart: node.id === start,
        problems: byNode.get(node.id) ?? [],
        run: run.nodes[node.id],
        changed: changed?.has(node.id),
      },
    };
  });
  const edges: Edge[] = graphEdges.map((e) => {
    const ran = run.nodes[e.from]?.status === 'completed' && !!run.nodes[e.to];
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      sourceHandle: e.handle,
      targetHandle: 'in',
      label: e.label,
      type: 'smoothstep',
      animated: run.nodes[e.to]?.status === 'running',
      className: `flow-edge kind-${e.kind}${ran ? ' ran' : ''}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      data: { kind: e.kind },
    };
  });
  return { nodes, edges };
}

/** The memoised canvas graph for the given editor slices. */
export function useCanvasGraph(
  workflow: Workflow,
  manifests: ReadonlyMap<string, PluginManifest>,
  problems: Problem[],
  run: RunView,
  changed?: ReadonlySet<string>,
) {
  return useMemo(
    () => buildCanvasGraph(workflow, manifests, problems, run, changed),
    [workflow, manifests, problems, run, changed],
  );
}
