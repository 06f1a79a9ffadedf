import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../runtime/workflow/apply-edits.ts';
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import { parseWorkflow } from '../../runtime/workflow/parse-workflow.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { connectEdits, disconnectEdits } from './connection-edits.ts';
import { sourceHandles } from './node-handles.ts';
import { addBranch, removeBranch, retargetBranch, setBody } from './structure-edits.ts';
import { testManifest } from './test-manifest.ts';
import { edgesOf } from './workflow-graph.ts';

const manifests = new Map([
  ['core/loop', testManifest('core/loop', { control: 'loop' })],
  ['core/parallel', testManifest('core/parallel', { control: 'parallel' })],
]);
const text = `id: fan
nodes:
  - id: each
    uses: core/loop@^1
    with: { forEach: "{{ inputs.lines }}" }
    next: fork
  - id: translate
    uses: core/template@^1
  - id: fork
    uses: core/parallel@^1
    branches: [a]
  - id: a
    uses: core/template@^1
  - id: b
    uses: core/template@^1
`;
const wf = (yaml: string): Workflow => parseWorkflow(yaml, 'fan.yaml').workflow!;
const node = (w: Workflow, id: string) => w.nodes.find((n) => n.id === id)!;
const apply = (edits: WorkflowEdit | WorkflowEdit[]) => wf(applyEdits(text, [edits].flat()));

describe('loop body and parallel branches', () => {
  it('gives loops a body handle and parallel nodes a branch handle beside "done"', () => {
    const w = wf(text);
    expect(sourceHandles(node(w, 'each'), manifests.get('core/loop')).map((h) => [h.id, h.label])).toEqual([
      ['body', 'body'],
      ['out', 'done'],
    ]);
    expect(sourceHandles(node(w, 'fork'), manifests.get('core/parallel')).map((h) => h.label)).toEqual([
      'branch',
      'done',
    ]);
  });

  it('draws body and branch edges with their own kind and label', () => {
    const w = apply([
      setBody(node(wf(text), 'each'), 'translate'),
      ...addBranch(node(wf(text), 'fork'), 'b'),
    ]);
    const structural = edgesOf(w, manifests).filter((e) => e.kind === 'body' || e.kind === 'branches');
    expect(structural.map((e) => [e.from, e.to, e.handle, e.label])).toEqual([
      ['each', 'translate', 'body', 'body'],
      ['fork', 'a', 'branches', 'branch 1'],
      ['fork', 'b', 'branches', 'branch 2'],
    ]);
  });

  it('connecting from the handles writes body: and appends to branches:', () => {
    const w = wf(text);
    const after = apply([
      ...connectEdits(w, 'each', 'body', 'translate'),
      ...connectEdits(w, 'fork', 'branches', 'b'),
    ]);
    expect(node(after, 'each').body).toBe('translate');
    expect(node(after, 'each').next).toBe('fork');
    expect(node(after, 'fork').branches).toEqual(['a', 'b']);
    expect(connectEdits(w, 'fork', 'branches', 'a')).toEqual([]);
  });

  it('deleting a body or branch edge removes only that entry', () => {
    const withBody = applyEdits(text, [setBody(node(wf(text), 'each'), 'translate')]);
    const w = wf(withBody);
    const cut = wf(
      applyEdits(withBody, [
        ...disconnectEdits(w, 'each', 'body', 'translate'),
        ...disconnectEdits(w, 'fork', 'branches', 'a'),
      ]),
    );
    expect(node(cut, 'each').body).toBeUndefined();
    expect(node(cut, 'each').next).toBe('fork');
    expect(node(cut, 'fork').branches).toBeUndefined();
  });

  it('retargets and removes branches from the inspector', () => {
    const two = wf(applyEdits(text, addBranch(node(wf(text), 'fork'), 'b')));
    expect(node(apply(retargetBranch(node(wf(text), 'fork'), 0, 'translate')), 'fork').branches).toEqual([
      'translate',
    ]);
    expect(retargetBranch(node(two, 'fork'), 0, 'b')).toEqual(removeBranch(node(two, 'fork'), 0));
    expect(removeBranch(node(two, 'fork'), 0)).toEqual([
      { type: 'set-node-field', id: 'fork', path: ['branches'], value: ['b'] },
    ]);
    expect(node(apply(setBody(node(wf(text), 'each'), '')), 'each').body).toBeUndefined();
  });
});
