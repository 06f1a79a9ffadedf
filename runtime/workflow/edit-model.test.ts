import { describe, expect, it } from 'vitest';
import type { WorkflowEdit } from './edit.ts';
import { applyEditToModel, type WorkflowObject } from './edit-model.ts';
import { UserError } from './errors.ts';

function model(): WorkflowObject {
  return {
    id: 'wf',
    start: 'a',
    outputs: { reply: { type: 'string', description: 'from {{ nodes.a.text }}' } },
    nodes: [
      {
        id: 'a',
        uses: 'core/x@^1',
        with: { q: "{{ nodes.b.hits }} and {{ nodes['b'].n }}, nodes.b stays", other: '{{ nodes.b-c.x }}' },
        next: [{ when: '{{ x }}', to: 'b' }, { default: 'c' }],
      },
      {
        id: 'b',
        uses: 'core/loop@^1',
        body: 'c',
        branches: ['a', 'c'],
        onError: { fallback: 'c' },
        next: 'c',
      },
      { id: 'c', uses: 'core/end@^1' },
    ],
    layout: { a: { x: 0, y: 0 }, b: { x: 1, y: 1 }, c: { x: 2, y: 2 } },
  };
}

const apply = (edit: WorkflowEdit, m = model()) => applyEditToModel(m, edit);
const node = (m: WorkflowObject, i: number) => (m.nodes as WorkflowObject[])[i] as WorkflowObject;

describe('applyEditToModel', () => {
  it('never mutates its input and shares what it did not change', () => {
    const m = model();
    const frozen = JSON.stringify(m);
    const out = apply({ type: 'set-node-field', id: 'c', path: ['timeout'], value: '5s' }, m);
    expect(JSON.stringify(m)).toBe(frozen);
    expect(node(out, 0)).toBe(node(m, 0));
    expect(out.layout).toBe(m.layout);
    expect(node(out, 2)).toEqual({ id: 'c', uses: 'core/end@^1', timeout: '5s' });
  });

  it('remove-node drops every edge to it: next, body, branches, fallback, start, layout', () => {
    const out = apply({ type: 'remove-node', id: 'c' });
    expect(node(out, 0).next).toEqual([{ when: '{{ x }}', to: 'b' }]);
    expect(node(out, 1)).toEqual({ id: 'b', uses: 'core/loop@^1', branches: ['a'] });
    expect(apply({ type: 'remove-node', id: 'a' }).start).toBeUndefined();
    expect(out.layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 1, y: 1 } });
  });

  it('rename-node follows every reference and only `nodes.<id>` inside expressions', () => {
    const out = apply({ type: 'rename-node', from: 'b', to: 'lookup' });
    expect(node(out, 0).with).toEqual({
      q: "{{ nodes.lookup.hits }} and {{ nodes['lookup'].n }}, nodes.b stays",
      other: '{{ nodes.b-c.x }}',
    });
    expect(node(out, 0).next).toEqual([{ when: '{{ x }}', to: 'lookup' }, { default: 'c' }]);
    expect(Object.keys(out.layout as object)).toEqual(['a', 'lookup', 'c']);
    const c = apply({ type: 'rename-node', from: 'c', to: 'end' });
    expect(node(c, 1)).toMatchObject({
      body: 'end',
      branches: ['a', 'end'],
      onError: { fallback: 'end' },
      next: 'end',
    });
    expect(apply({ type: 'rename-node', from: 'a', to: 'first' })).toMatchObject({
      start: 'first',
      outputs: { reply: { description: 'from {{ nodes.first.text }}' } },
    });
  });

  it('connect: a branch goes before the default, a default edge replaces it, a repeat changes nothing', () => {
    expect(
      node(apply({ type: 'connect', from: 'a', to: 'c', on: 'none', label: 'no hits' }), 0).next,
    ).toEqual([{ when: '{{ x }}', to: 'b' }, { on: 'none', to: 'c', label: 'no hits' }, { default: 'c' }]);
    expect(node(apply({ type: 'connect', from: 'a', to: 'b', default: true }), 0).next).toEqual([
      { when: '{{ x }}', to: 'b' },
      { default: 'b' },
    ]);
    expect(node(apply({ type: 'connect', from: 'b', to: 'a', when: '{{ y }}' }), 1).next).toEqual([
      { when: '{{ y }}', to: 'a' },
      { default: 'c' },
    ]);
    expect(node(apply({ type: 'connect', from: 'c', to: 'a', when: '{{ y }}' }), 2).next).toEqual([
      { when: '{{ y }}', to: 'a' },
    ]);
    expect(node(apply({ type: 'connect', from: 'c', to: 'a' }), 2).next).toBe('a');
    const m = model();
    expect(apply({ type: 'connect', from: 'a', to: 'b', when: '{{ x }}' }, m)).toBe(m);
  });

  it('disconnect collapses a lone default to `next: id` and also cuts body and branch edges', () => {
    expect(node(apply({ type: 'disconnect', from: 'a', to: 'b' }), 0).next).toBe('c');
    expect(node(apply({ type: 'disconnect', from: 'b', to: 'c' }), 1)).toEqual({
      id: 'b',
      uses: 'core/loop@^1',
      branches: ['a'],
    });
  });

  it('set-field creates the maps on its way and deletes with undefined', () => {
    expect(apply({ type: 'set-field', path: ['meta', 'tags', 0], value: 'faq' }).meta).toEqual({
      tags: ['faq'],
    });
    expect(apply({ type: 'set-field', path: ['outputs', 'reply'], value: undefined }).outputs).toEqual({});
    expect(apply({ type: 'set-field', path: ['missing', 'x'], value: undefined })).toEqual(model());
  });

  it('move-node rounds to integers and keeps other keys of the layout entry', () => {
    const m = model();
    (m.layout as WorkflowObject).c = { x: 2, y: 2, width: 300 };
    expect((apply({ type: 'move-node', id: 'c', x: 10.5, y: -0.2 }, m).layout as WorkflowObject).c).toEqual({
      x: 11,
      y: 0,
      width: 300,
    });
  });

  it.each<[WorkflowEdit, string]>([
    [{ type: 'set-node-field', id: 'a', path: ['next', 5], value: 'x' }, 'invalid-path'],
    [{ type: 'set-node-field', id: 'a', path: [], value: 'x' }, 'invalid-path'],
    [{ type: 'set-field', path: ['nodes', 0], value: {} }, 'invalid-path'],
    [{ type: 'move-node', id: 'a', x: Number.NaN, y: 0 }, 'invalid-position'],
    [{ type: 'add-node', node: { id: 'z', uses: 'x' }, after: 'nope' }, 'unknown-node'],
    [{ type: 'rename-node', from: 'a', to: 'b' }, 'duplicate-id'],
  ])('%o is refused with code %s', (edit, code) => {
    expect(() => apply(edit)).toThrow(UserError);
    try {
      apply(edit);
    } catch (e) {
      expect((e as UserError).code).toBe(code);
    }
  });
});

describe('new top-level sections', () => {
  it('are written where a person would put them, not after layout', async () => {
    const { applyEdit } = await import('./apply-edits.ts');
    const text = 'id: x\nname: X\nnodes:\n  - id: a\n    uses: core/end@^1\nlayout:\n  a: { x: 0, y: 0 }\n';
    expect(applyEdit(text, { type: 'set-field', path: ['version'], value: '1.2.0' })).toBe(
      'id: x\nname: X\nversion: 1.2.0\nnodes:\n  - id: a\n    uses: core/end@^1\nlayout:\n  a: { x: 0, y: 0 }\n',
    );
    expect(applyEdit(text, { type: 'set-field', path: ['meta', 'tags'], value: ['demo'] })).toMatch(
      /^id: x\nname: X\nmeta:\n {2}tags:\n {4}- demo\nnodes:/,
    );
  });
});
