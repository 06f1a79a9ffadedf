import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { sourceHandles } from './node-handles.ts';
import { testManifest } from './test-manifest.ts';
import { edgesOf, positionsOf, upstreamOf } from './workflow-graph.ts';

const manifests = new Map<string, PluginManifest>([
  ['core/condition', testManifest('core/condition', { branches: ['true', 'false'] })],
  ['core/intent', testManifest('core/intent', { branches: { fromConfig: 'intents' } })],
  ['core/end', testManifest('core/end', { control: 'end' })],
]);

const workflow: Workflow = {
  id: 'w',
  nodes: [
    {
      id: 'classify',
      uses: 'core/intent@^1',
      with: { intents: { refund: ['money back'], status: ['where is'] } },
      next: [{ on: 'refund', to: 'check' }, { default: 'done' }],
    },
    {
      id: 'check',
      uses: 'core/condition@^1',
      next: [
        { on: 'true', to: 'done' },
        { when: '{{ output.result == false }}', to: 'done', label: 'no' },
      ],
    },
    { id: 'done', uses: 'core/end@^1' },
  ],
  layout: { classify: { x: 10, y: 20 } },
};

describe('canvas graph', () => {
  it('draws one labelled handle per declared branch, per `when`, and a default', () => {
    const handles = sourceHandles(workflow.nodes[1]!, manifests.get('core/condition'));
    expect(handles.map((h) => h.label)).toEqual(['true', 'false', 'no', 'default']);
  });

  it('reads dynamic branches from the node config', () => {
    const handles = sourceHandles(workflow.nodes[0]!, manifests.get('core/intent'));
    expect(handles.map((h) => h.id)).toEqual(['on:refund', 'on:status', 'default']);
  });

  it('gives end nodes no outgoing handle and plain nodes a single one', () => {
    expect(sourceHandles(workflow.nodes[2]!, manifests.get('core/end'))).toEqual([]);
    expect(sourceHandles({ id: 'x', uses: 'core/other' }, undefined).map((h) => h.id)).toEqual(['out']);
  });

  it('labels edges with their branch and connects them to the right handle', () => {
    const edges = edgesOf(workflow, manifests);
    expect(edges.map((e) => [e.from, e.handle, e.to, e.label])).toEqual([
      ['classify', 'on:refund', 'check', 'refund'],
      ['classify', 'default', 'done', 'default'],
      ['check', 'on:true', 'done', 'true'],
      ['check', 'when:1', 'done', 'no'],
    ]);
  });

  it('keeps layout positions and places the rest in columns by distance from the start', () => {
    const p = positionsOf(workflow, edgesOf(workflow, manifests));
    expect(p.classify).toEqual({ x: 10, y: 20 });
    expect(p.check!.x).toBeLessThan(p.done!.x);
  });

  it('finds the nodes upstream of a node', () => {
    expect(upstreamOf('done', edgesOf(workflow, manifests)).sort()).toEqual(['check', 'classify']);
    expect(upstreamOf('classify', edgesOf(workflow, manifests))).toEqual([]);
  });
});

describe('next entries', async () => {
  const { nextEntries, nextValue } = await import('./next-entries.ts');
  it('reads a plain next as one default edge and writes a lone default back as a plain next', () => {
    expect(nextEntries('done')).toEqual([{ default: 'done' }]);
    expect(nextValue([{ default: 'done' }])).toBe('done');
    expect(nextValue([])).toBeUndefined();
    const list = [{ when: '{{ true }}', to: 'a' }, { default: 'b' }];
    expect(nextValue(nextEntries(list))).toEqual(list);
  });
});

describe('expression scope', async () => {
  const { expressionScope } = await import('./expression-scope.ts');
  it('offers inputs, upstream nodes and functions, but not downstream nodes', () => {
    const labels = expressionScope(
      { ...workflow, inputs: { message: { type: 'string' } } },
      'check',
      manifests,
    ).map((e) => e.label);
    expect(labels).toContain('inputs.message');
    expect(labels).toContain('nodes.classify');
    expect(labels).not.toContain('nodes.done');
    expect(labels).toContain('len(');
  });
});
