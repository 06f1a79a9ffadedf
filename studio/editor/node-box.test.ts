import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { Problem } from '../../runtime/workflow/types.ts';
import type { FlowNodeData } from './FlowNode.tsx';
import { estimateNodeBox } from './node-box.ts';
import { sourceHandles } from './node-handles.ts';
import { testManifest } from './test-manifest.ts';

const template = testManifest('core/template');
const condition = testManifest('core/condition', { branches: ['true', 'false'] });
const problem = (severity: Problem['severity']): Problem => ({
  file: 'w.yaml',
  line: 1,
  column: 1,
  path: '/nodes/0',
  code: 'x',
  severity,
  message: 'bad',
});

function data(m: PluginManifest | undefined, problems: Problem[] = [], next?: FlowNodeData['node']['next']) {
  const node = { id: 'a', uses: `${m?.id ?? 'core/nope'}@^1`, ...(next ? { next } : {}) };
  return { node, manifest: m, handles: sourceHandles(node, m), hasTarget: true, isStart: false, problems };
}

// The expected numbers were measured in Chromium on the built studio (offsetWidth/Height and handle
// rectangles relative to the node), so a change to canvas.css that breaks the estimate fails here.
describe('estimated node box', () => {
  it('matches a plain node: one input and one output, centred', () => {
    const box = estimateNodeBox(data(template));
    expect([box.width, box.height]).toEqual([240, 52]);
    expect(box.handles.map((h) => [h.id, h.type, h.x, h.y])).toEqual([
      ['in', 'target', -1, 21],
      ['out', 'source', 234, 21],
    ]);
  });

  it('grows by a row per error banner and for a plugin that is not installed', () => {
    expect(estimateNodeBox(data(template, [problem('error'), problem('error')])).height).toBe(74);
    expect(estimateNodeBox(data(template, [problem('warning')])).height).toBe(52);
    const unknown = estimateNodeBox(data(undefined, [problem('error')]));
    expect(unknown.height).toBe(96);
    expect(unknown.handles.find((h) => h.id === 'in')?.y).toBe(43);
  });

  it('puts one labelled output row per branch, each handle in the middle of its row', () => {
    const box = estimateNodeBox(data(condition, [], [{ on: 'true', to: 'b' }, { default: 'c' }]));
    expect(box.height).toBe(130);
    expect(box.handles.map((h) => [h.id, h.y])).toEqual([
      ['in', 60],
      ['on:true', 59.5],
      ['on:false', 85.5],
      ['default', 111.5],
    ]);
  });
});
