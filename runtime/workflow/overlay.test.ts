import { describe, expect, it } from 'vitest';
import { applyOverlay, type Overlay } from './overlay.ts';
import type { Locate } from './source-locator.ts';
import type { SourcedWorkflow } from './sourced-workflow.ts';
import type { Workflow } from './types.ts';

const locate: Locate = (path) => ({ file: 'o.yaml', line: 1, column: 1, path: `/${path.join('/')}` });
const sourced = (workflow: Workflow): SourcedWorkflow => ({
  workflow,
  rootLayers: [{ locate, prefix: [], value: workflow }],
  nodeLayers: workflow.nodes.map((n) => [{ locate, prefix: [], value: n }]),
});
const apply = (workflow: Workflow, operations: Overlay['operations']) =>
  applyOverlay(sourced(workflow), { overlay: 'base', operations }, locate);

const BASE: Workflow = {
  id: 'base',
  nodes: [
    { id: 'loop', uses: 'core/loop', body: 'step', next: 'route' },
    { id: 'step', uses: 'core/set' },
    { id: 'route', uses: 'core/intent', next: [{ on: 'a', to: 'done' }, { default: 'bye' }] },
    { id: 'done', uses: 'core/end' },
    { id: 'bye', uses: 'core/end' },
  ],
};

describe('applyOverlay', () => {
  it('removing a node without next drops the edges into it: the run ends there', () => {
    const { sourced: out, problems } = apply(BASE, [{ remove: 'done' }]);
    expect(problems).toEqual([]);
    expect(out.workflow.nodes.find((n) => n.id === 'route')?.next).toEqual([{ default: 'bye' }]);
    expect(BASE.nodes).toHaveLength(5); // the base is not modified
  });

  it('refuses to remove a loop body that has no next, or a node that branches', () => {
    const { problems } = apply(BASE, [{ remove: 'step' }, { remove: 'route' }]);
    expect(problems.map((p) => p.message)).toEqual([
      "operation 1: node 'step' starts a loop body of 'loop' and has no single next to take its place; replace it instead",
      "operation 2: node 'route' branches to several nodes, so its predecessors cannot be rewired; replace it instead",
    ]);
  });

  it('refuses inserts that name both sides or reuse an id, and renames onto an existing id', () => {
    const { problems } = apply(BASE, [
      { insert: { id: 'x', uses: 'core/set' }, before: 'done', after: 'loop' },
      { insert: { id: 'bye', uses: 'core/set' }, before: 'done' },
      { replace: 'done', node: { id: 'bye', uses: 'core/end' } },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'operation 1: give either before or after, not both',
      "operation 2: node 'bye' already exists in base 'base'; use replace or patch",
      "operation 3: node 'bye' already exists in base 'base'",
    ]);
  });

  it('inserting before a loop body makes the new node the body', () => {
    const { sourced: out } = apply(BASE, [{ insert: { id: 'pre', uses: 'core/set' }, before: 'step' }]);
    const byId = Object.fromEntries(out.workflow.nodes.map((n) => [n.id, n]));
    expect(byId.loop?.body).toBe('pre');
    expect(byId.pre?.next).toBe('step');
  });

  it('patch merges settings and null deletes a key', () => {
    const workflow: Workflow = {
      id: 'w',
      nodes: [{ id: 'a', uses: 'core/set', with: { a: 1, b: { c: 2, d: 3 } }, retry: { max: 1 } }],
    };
    const { sourced: out } = apply(workflow, [
      { patch: 'a', with: { b: { d: null }, e: 5 } as never, retry: { max: 4 } },
    ]);
    expect(out.workflow.nodes[0]).toEqual({
      id: 'a',
      uses: 'core/set',
      with: { a: 1, b: { c: 2 }, e: 5 },
      retry: { max: 4 },
    });
  });
});
