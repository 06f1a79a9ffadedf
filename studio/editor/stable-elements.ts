/**
 * Keeps canvas nodes and edges the same objects from one render to the next unless something
 * drawn about them changed. React Flow and the memoised FlowNode compare by identity, so an edit,
 * a selection or new problems then redraw only the nodes they touch, not all of a big workflow.
 */
import type { Edge } from '@xyflow/react';
import type { Problem } from '../../runtime/workflow/types.ts';
import type { FlowNodeData, FlowNodeType } from './FlowNode.tsx';
import { estimateNodeBox } from './node-box.ts';
import type { SourceHandle } from './node-handles.ts';

type Point = { x: number; y: number };
type Size = { width: number; height: number };

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => same(x, b[i]!)));
}

const sameHandle = (a: SourceHandle, b: SourceHandle) =>
  a.id === b.id && a.label === b.label && a.kind === b.kind;

const sameProblem = (a: Problem, b: Problem) =>
  a === b || (a.message === b.message && a.severity === b.severity && a.code === b.code && a.path === b.path);

/** Whether a node would draw the same: a re-parse makes new node objects with the same content. */
export function sameNodeData(a: FlowNodeData, b: FlowNodeData): boolean {
  return (
    (a.node === b.node || JSON.stringify(a.node) === JSON.stringify(b.node)) &&
    a.manifest === b.manifest &&
    a.hasTarget === b.hasTarget &&
    a.isStart === b.isStart &&
    a.run === b.run &&
    !!a.changed === !!b.changed &&
    sameList(a.handles, b.handles, sameHandle) &&
    sameList(a.problems, b.problems, sameProblem)
  );
}

/** Graph nodes whose data is the previous object wherever it would draw the same. */
export function stableData(
  nodes: FlowNodeType[],
  previous: ReadonlyMap<string, FlowNodeData>,
): FlowNodeType[] {
  return nodes.map((n) => {
    const before = previous.get(n.id);
    return before && before !== n.data && sameNodeData(before, n.data) ? { ...n, data: before } : n;
  });
}

/** What the canvas adds to a graph node: where it is dragged to, its measured size, selection. */
export interface NodeView {
  drag: Readonly<Record<string, Point>>;
  measured: Readonly<Record<string, Size>>;
  selected: ReadonlySet<string>;
}

/**
 * The nodes handed to React Flow. A node never measured carries its estimated box (initial size
 * and handle positions), so React Flow can skip drawing it while it is out of view.
 */
export function canvasNodes(
  graph: FlowNodeType[],
  view: NodeView,
  previous: ReadonlyMap<string, FlowNodeType>,
): FlowNodeType[] {
  return graph.map((n) => {
    const position = view.drag[n.id] ?? n.position;
    const measured = view.measured[n.id];
    const selected = view.selected.has(n.id);
    const before = previous.get(n.id);
    if (
      before &&
      before.data === n.data &&
      before.position.x === position.x &&
      before.position.y === position.y &&
      before.measured === measured &&
      before.selected === selected
    )
      return before;
    if (measured) return { ...n, position, measured, selected };
    const box = estimateNodeBox(n.data);
    return {
      ...n,
      position,
      selected,
      initialWidth: box.width,
      initialHeight: box.height,
      handles: box.handles,
    };
  });
}

/** Whether two edges draw the same. */
export function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.id === b.id &&
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.label === b.label &&
    a.type === b.type &&
    a.animated === b.animated &&
    a.className === b.className &&
    a.selected === b.selected &&
    (a.data as { kind?: string } | undefined)?.kind === (b.data as { kind?: string } | undefined)?.kind
  );
}

/** The edges handed to React Flow: the previous object wherever it draws the same. */
export function canvasEdges(
  graph: Edge[],
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, Edge>,
): Edge[] {
  return graph.map((e) => {
    const next = { ...e, selected: selected.has(e.id) };
    const before = previous.get(e.id);
    return before && sameEdge(before, next) ? before : next;
  });
}
