import { describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore } from './editor-store.ts';
import { edit } from './edits.ts';
import { testManifest } from './test-manifest.ts';

const yaml = `# Greets the user
id: hello
name: Hello
nodes:
  - id: greet   # the first step
    uses: core/template@^1
    with:
      template: "Hi {{ inputs.message }}"
`;

describe('editor store', () => {
  it('turns canvas edits into YAML and keeps comments', () => {
    const store = createEditorStore(yaml);
    store.getState().dispatch(edit.addNode({ id: 'done', uses: 'core/end@^1' }, { x: 300, y: 0 }));
    store.getState().dispatch(edit.connect({ from: 'greet', to: 'done' }));
    const s = store.getState();
    expect(s.text).toContain('# Greets the user');
    expect(s.text).toContain('# the first step');
    expect(s.workflow.nodes.map((n) => n.id)).toEqual(['greet', 'done']);
    expect(s.workflow.nodes[0]!.next).toBe('done');
    expect(s.workflow.layout?.done).toEqual({ x: 300, y: 0 });
  });

  it('undoes and redoes whole edits', () => {
    const store = createEditorStore(yaml);
    store.getState().dispatch(edit.addNode({ id: 'done', uses: 'core/end@^1' }));
    store.getState().undo();
    expect(store.getState().text).toBe(yaml);
    store.getState().redo();
    expect(store.getState().workflow.nodes).toHaveLength(2);
  });

  it('makes typing in one field a single undo step', () => {
    const store = createEditorStore(yaml);
    for (const t of ['H', 'He', 'Hel'])
      store.getState().dispatch(edit.setNodeField('greet', ['with', 'template'], t), 'with:greet:template');
    expect(store.getState().workflow.nodes[0]!.with?.template).toBe('Hel');
    store.getState().undo();
    expect(store.getState().text).toBe(yaml);
  });

  it('keeps the last good graph while the YAML does not parse, and reports where', () => {
    const store = createEditorStore(yaml);
    store.getState().setText(`${yaml}  - id: [broken\n`);
    const s = store.getState();
    expect(s.textParses).toBe(false);
    expect(s.workflow.nodes.map((n) => n.id)).toEqual(['greet']);
    expect(s.problems.length).toBeGreaterThan(0);
    expect(s.problems[0]!.line).toBeGreaterThanOrEqual(9);
  });

  it('reports a failed edit instead of throwing', () => {
    const store = createEditorStore(yaml);
    expect(store.getState().dispatch(edit.removeNode('nope'))).toBe(false);
    expect(store.getState().notice?.message).toMatch(/nope/);
    expect(store.getState().text).toBe(yaml);
  });
});

describe('editor problems', () => {
  it('reports an edge to a missing node on the node that owns it', async () => {
    const { problemsByNode } = await import('./canvas-graph.ts');
    const store = createEditorStore(
      yaml.replace('template: "Hi {{ inputs.message }}"', 'template: "Hi"\n    next: nowhere'),
    );
    const s = store.getState();
    expect(s.textParses).toBe(true);
    const onGreet = problemsByNode(s.workflow, s.problems).get('greet') ?? [];
    expect(onGreet.map((p) => p.message).join()).toMatch(/nowhere/);
  });
});

/** Every problem message of the store's current text, in one string. */
const problemText = (store: EditorStore) =>
  store
    .getState()
    .problems.map((p) => p.message)
    .join();

describe('deferred checks', () => {
  const broken = yaml.replace('template: "Hi {{ inputs.message }}"', 'template: "Hi"\n    next: nowhere');

  it('opens with the parse problems only and finds the rest when asked', () => {
    const store = createEditorStore(broken, { deferChecks: true });
    expect(store.getState().problems).toEqual([]);
    store.getState().check();
    expect(problemText(store)).toMatch(/nowhere/);
  });

  it('does not touch the state when a check finds nothing new', () => {
    const store = createEditorStore(yaml, { deferChecks: true });
    const before = store.getState();
    store.getState().check();
    expect(store.getState()).toBe(before);
  });

  it('checks plugin config against manifests given at creation', () => {
    const manifests = [
      testManifest('core/template', { title: 'Template', config: { type: 'object', required: ['subject'] } }),
    ];
    const store = createEditorStore(yaml, { manifests, deferChecks: true });
    expect(store.getState().manifests.get('core/template')?.title).toBe('Template');
    store.getState().check();
    expect(problemText(store)).toMatch(/subject/);
  });
});
