import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { buildCanvasGraph } from './canvas-graph.ts';
import { emptyRun } from './run-view.ts';
import { canvasEdges, canvasNodes, stableData } from './stable-elements.ts';

const manifests = new Map<string, PluginManifest>([
  [
    'core/template',
    { id: 'core/template', version: '1.0.0', kind: 'node', title: 'Template', description: '' },
  ],
]);
const workflow = (title = 'Hi'): Workflow => ({
  id: 'w',
  nodes: [
    { id: 'a', uses: 'core/template@^1', with: { template: title }, next: 'b' },
    { id: 'b', uses: 'core/template@^1' },
  ],
  layout: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } },
});
const graphOf = (wf: Workflow) => buildCanvasGraph(wf, manifests, [], emptyRun());
const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
const view = (selected: string[] = [], measured = {}) => ({
  drag: {},
  measured,
  selected: new Set(selected),
});

describe('stable canvas elements', () => {
  it('keeps node data when a re-parse produced the same nodes, and replaces what changed', () => {
    const first = graphOf(workflow()).nodes;
    const again = stableData(graphOf(workflow()).nodes, new Map(first.map((n) => [n.id, n.data])));
    expect(again[0]!.data).toBe(first[0]!.data);
    expect(again[1]!.data).toBe(first[1]!.data);
    const edited = stableData(graphOf(workflow('Hello')).nodes, new Map(first.map((n) => [n.id, n.data])));
    expect(edited[0]!.data).not.toBe(first[0]!.data);
    expect(edited[0]!.data.node.with?.template).toBe('Hello');
    expect(edited[1]!.data).toBe(first[1]!.data);
  });

  it('hands React Flow the same node objects except the ones whose selection changed', () => {
    const graph = graphOf(workflow()).nodes;
    const before = canvasNodes(graph, view(), new Map());
    const after = canvasNodes(graph, view(['b']), byId(before));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.selected).toBe(true);
  });

  it('gives never-measured nodes an estimated box, and measured ones only their measured size', () => {
    const graph = graphOf(workflow()).nodes;
    const [a, b] = canvasNodes(graph, view([], { a: { width: 250, height: 60 } }), new Map());
    expect(a!.measured).toEqual({ width: 250, height: 60 });
    expect(a!.handles).toBeUndefined();
    expect(b!.measured).toBeUndefined();
    expect([b!.initialWidth, b!.initialHeight]).toEqual([240, 52]);
    expect(b!.handles?.map((h) => h.id)).toEqual(['in', 'out']);
  });

  it('keeps edge objects unless their selection changed', () => {
    const edges = graphOf(workflow()).edges;
    const before = canvasEdges(edges, new Set(), new Map());
    expect(canvasEdges(graphOf(workflow()).edges, new Set(), byId(before))[0]).toBe(before[0]);
    const picked = canvasEdges(edges, new Set([before[0]!.id]), byId(before));
    expect(picked[0]).not.toBe(before[0]);
    expect(picked[0]!.selected).toBe(true);
  });
});
