/**
 * The size and handle boxes a canvas node will have once drawn, worked out from the same numbers
 * as canvas.css. Giving React Flow these for nodes it has not measured yet lets it draw only the
 * nodes in view (otherwise it draws every node once just to measure it); a node is measured for
 * real the first time it is drawn, and the estimate is dropped.
 */
import { type NodeHandle, Position } from '@xyflow/react';
import type { FlowNodeData } from './FlowNode.tsx';

/** Pixel sizes from canvas.css (.flow-node, .flow-node-head, .flow-node-problem, .flow-node-out). */
const NODE_WIDTH = 240;
const HEAD_HEIGHT = 50;
const BORDER = 1;
const PROBLEM_ROW = 22;
const OUT_ROW = 26;
const HANDLE = 10;
/** The left border is 4px wide and handles are centred on the border box edges (see canvas.css). */
const TARGET_X = 4 - HANDLE / 2;
const SOURCE_X = NODE_WIDTH - BORDER - HANDLE / 2;

/** A node's expected box: what React Flow would measure. */
export interface NodeBox {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/** Whether the node draws one unlabelled output centred on its right edge (as FlowNode does). */
export function hasSingleOutput(data: Pick<FlowNodeData, 'handles'>): boolean {
  const [first] = data.handles;
  return data.handles.length === 1 && first!.kind === 'out' && !first!.label;
}

/** The box FlowNode will draw for `data`: head, problem rows, one row per labelled output. */
export function estimateNodeBox(data: FlowNodeData): NodeBox {
  const problemRows = (data.problems.some((p) => p.severity === 'error') ? 1 : 0) + (data.manifest ? 0 : 1);
  const single = hasSingleOutput(data);
  const rowsTop = BORDER + HEAD_HEIGHT + problemRows * PROBLEM_ROW;
  const height = rowsTop + (single ? 0 : data.handles.length * OUT_ROW) + BORDER;
  const middle = height / 2 - HANDLE / 2;
  const box = (id: string, type: 'source' | 'target', x: number, y: number): NodeHandle => ({
    id,
    type,
    position: type === 'source' ? Position.Right : Position.Left,
    x,
    y,
    width: HANDLE,
    height: HANDLE,
  });
  const handles: NodeHandle[] = [];
  if (data.hasTarget) handles.push(box('in', 'target', TARGET_X, middle));
  if (single) handles.push(box(data.handles[0]!.id, 'source', SOURCE_X, middle));
  else
    data.handles.forEach((h, i) => {
      // Each row has a 1px top border; its handle sits in the middle of the rest of the row.
      const y = rowsTop + i * OUT_ROW + BORDER + (OUT_ROW - BORDER) / 2 - HANDLE / 2;
      handles.push(box(h.id, 'source', SOURCE_X, y));
    });
  return { width: NODE_WIDTH, height, handles };
}
