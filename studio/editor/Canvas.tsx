/**
 * The flow canvas. Nodes and edges come from the parsed YAML; every change the user makes here
 * (drop, connect, drag, delete) is dispatched as WorkflowEdit objects. React Flow only keeps what
 * the YAML does not: measured sizes, in-flight drag positions and edge selection.
 */
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnDelete,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useCanvasGraph } from './canvas-graph.ts';
import { connectEdits, disconnectEdits } from './connection-edits.ts';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import { FlowNode, type FlowNodeType } from './FlowNode.tsx';
import { FIT_WHOLE_FLOW } from './fit-view.ts';
import { newNode } from './new-node.ts';
import { PALETTE_MIME } from './Palette.tsx';
import { selectManifests, selectProblems, selectRun, selectSelection, selectWorkflow } from './selectors.ts';
import { canvasEdges, canvasNodes, stableData } from './stable-elements.ts';

const nodeTypes = { workflow: FlowNode };
// Module-level so React Flow sees the same props on every render (new arrays re-bind key handlers).
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const FIT_ON_OPEN = { ...FIT_WHOLE_FLOW, padding: 0.15, maxZoom: 1, minZoom: 0.55 };
const PRO_OPTIONS = { hideAttribution: true };
/** Above this many nodes only those in view are drawn. */
const DRAW_VISIBLE_ONLY_ABOVE = 150;
type Size = { width: number; height: number };

/** The canvas of the editor in context. `changed` highlights nodes (version diff). */
export function Canvas({
  changed,
  onNodeOpen,
}: {
  changed?: ReadonlySet<string>;
  onNodeOpen?: (id: string) => void;
}) {
  const store = useEditorStore();
  const workflow = useEditor(selectWorkflow);
  const manifests = useEditor(selectManifests);
  const problems = useEditor(selectProblems);
  const run = useEditor(selectRun);
  const selection = useEditor(selectSelection);
  const graph = useCanvasGraph(workflow, manifests, problems, run, changed);
  const [measured, setMeasured] = useState<Record<string, Size>>({});
  const [drag, setDrag] = useState<Record<string, { x: number; y: number }>>({});
  const dragging = useRef(drag);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const flow = useReactFlow();

  const selected = useMemo(() => new Set(selection), [selection]);
  // Last render's objects, so unchanged nodes and edges stay identical for React Flow.
  const previous = useRef({
    data: new Map<string, FlowNodeType['data']>(),
    nodes: new Map<string, FlowNodeType>(),
    edges: new Map<string, Edge>(),
  });
  const graphNodes = useMemo(() => {
    const list = stableData(graph.nodes, previous.current.data);
    previous.current.data = new Map(list.map((n) => [n.id, n.data]));
    return list;
  }, [graph.nodes]);
  const nodes = useMemo(() => {
    const list = canvasNodes(graphNodes, { drag, measured, selected }, previous.current.nodes);
    previous.current.nodes = new Map(list.map((n) => [n.id, n]));
    return list;
  }, [graphNodes, drag, measured, selected]);
  const edges = useMemo(() => {
    const list = canvasEdges(graph.edges, selectedEdges, previous.current.edges);
    previous.current.edges = new Map(list.map((e) => [e.id, e]));
    return list;
  }, [graph.edges, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNodeType>[]) => {
      const sizes: Record<string, Size> = {};
      const moving: Record<string, { x: number; y: number }> = {};
      const finished: string[] = [];
      let nextSelection: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
        else if (c.type === 'position') {
          if (c.position) moving[c.id] = c.position;
          if (c.dragging === false) finished.push(c.id);
        } else if (c.type === 'select') {
          nextSelection ??= new Set(store.getState().selection);
          if (c.selected) nextSelection.add(c.id);
          else nextSelection.delete(c.id);
        }
      }
      if (Object.keys(sizes).length) setMeasured((m) => ({ ...m, ...sizes }));
      if (nextSelection) store.getState().select([...nextSelection]);
      if (Object.keys(moving).length || finished.length) {
        // Positions in flight live in a ref too: the move edits are dispatched here, once, not from a
        // state updater (React may run an updater twice).
        const all = { ...dragging.current, ...moving };
        const moves = finished.filter((id) => all[id]).map((id) => edit.moveNode(id, all[id]!.x, all[id]!.y));
        for (const id of finished) delete all[id];
        dragging.current = all;
        setDrag(all);
        if (moves.length) store.getState().dispatch(moves);
      }
    },
    [store],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    setSelectedEdges((cur) => {
      const next = new Set(cur);
      for (const c of selects)
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      return next;
    });
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      const s = store.getState();
      s.dispatch(connectEdits(s.workflow, c.source, c.sourceHandle, c.target));
    },
    [store],
  );

  const onDelete: OnDelete<FlowNodeType, Edge> = useCallback(
    ({ nodes: gone, edges: cut }) => {
      const s = store.getState();
      const removed = new Set(gone.map((n) => n.id));
      const edits = cut
        .filter((e) => !removed.has(e.source) && !removed.has(e.target))
        .flatMap((e) => disconnectEdits(s.workflow, e.source, e.sourceHandle, e.target));
      edits.push(...gone.map((n) => edit.removeNode(n.id)));
      s.dispatch(edits);
      s.select([]);
      setSelectedEdges(new Set());
    },
    [store],
  );

  const onNodeDoubleClick = useCallback((_: unknown, n: FlowNodeType) => onNodeOpen?.(n.id), [onNodeOpen]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const pluginId = event.dataTransfer.getData(PALETTE_MIME);
      const s = store.getState();
      const manifest = s.manifests.get(pluginId);
      if (!manifest) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const node = newNode(manifest, new Set(s.workflow.nodes.map((n) => n.id)));
      if (s.dispatch(edit.addNode(node, { x: p.x - 110, y: p.y - 30 }))) s.select([node.id]);
    },
    [store, flow],
  );

  return (
    <div
      className="canvas"
      role="application"
      aria-label="Workflow canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow<FlowNodeType, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onNodeDoubleClick={onNodeDoubleClick}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionOnDrag={false}
        onlyRenderVisibleElements={nodes.length > DRAW_VISIBLE_ONLY_ABOVE}
        fitView
        fitViewOptions={FIT_ON_OPEN}
        minZoom={0.05}
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
        <MiniMap pannable zoomable nodeStrokeWidth={3} className="minimap" />
        <Controls showInteractive={false} fitViewOptions={FIT_WHOLE_FLOW} />
      </ReactFlow>
    </div>
  );
}
