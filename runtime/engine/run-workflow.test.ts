import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { runTest, testPlugin, traceLines } from './test-kit.ts';

const classify = testPlugin('classify', (config) => ({
  intent: config.text === 'refund please' ? 'refund' : 'other',
  branch: config.text === 'hi' ? 'greeting' : 'none',
}));

describe('runWorkflow: sequence and data flow', () => {
  it('runs nodes in order, passing outputs through expressions, and returns core/end output', async () => {
    const workflow: Workflow = {
      id: 'seq',
      inputs: { name: { type: 'string', required: true }, greeting: { type: 'string', default: 'Hello' } },
      nodes: [
        { id: 'start', uses: 'core/start', next: 'greet' },
        {
          id: 'greet',
          uses: 'test/echo',
          with: { text: '{{ inputs.greeting }}, {{ nodes.start.name }}' },
          next: 'done',
        },
        {
          id: 'done',
          uses: 'core/end@^1',
          with: { output: { reply: '{{ nodes.greet.text }}', run: '{{ run.id }}' } },
        },
        { id: 'never', uses: 'test/fail' },
      ],
    };
    const record = await runTest(workflow, { name: 'Ada' });
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ reply: 'Hello, Ada', run: 'test-run' });
    expect(record.input).toEqual({ name: 'Ada', greeting: 'Hello' });
    expect(Object.keys(record.nodes)).toEqual(['start', 'greet', 'done']);
    expect(record.nodes.greet).toMatchObject({
      status: 'completed',
      input: { text: 'Hello, Ada' },
      attempts: 1,
      executions: 1,
    });
  });

  it("returns the last node's output when there is no core/end, and starts at `start` when given", async () => {
    const workflow: Workflow = {
      id: 'last',
      start: 'b',
      nodes: [
        { id: 'a', uses: 'test/fail' },
        { id: 'b', uses: 'test/echo', with: { n: 1 }, next: 'c' },
        { id: 'c', uses: 'test/echo', with: { n: '{{ nodes.b.n + 1 }}' } },
      ],
    };
    const record = await runTest(workflow);
    expect(record.output).toEqual({ n: 2 });
    expect(record.nodes.a).toBeUndefined();
  });

  it('fails the run clearly when required inputs are missing or have the wrong type', async () => {
    const workflow: Workflow = {
      id: 'needs',
      inputs: {
        message: { type: 'string', required: true },
        count: { type: 'integer' },
        mode: { enum: ['a', 'b'] },
      },
      nodes: [{ id: 'a', uses: 'test/echo' }],
    };
    const record = await runTest(workflow, { count: 1.5, mode: 'c' });
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({
      code: 'invalid-input',
      message: `workflow 'needs': missing required input 'message'; input 'count' must be a whole number, got number; input 'mode' must be one of "a", "b"`,
    });
    expect(traceLines(record)).toEqual(['run.started', 'run.failed [invalid-input]']);
    expect((await runTest(workflow, [1])).error?.message).toBe(
      "workflow 'needs' takes an object of named inputs, got list",
    );
  });

  it('stores core/set values in vars for later nodes', async () => {
    const workflow: Workflow = {
      id: 'vars',
      nodes: [
        { id: 'set1', uses: 'core/set', with: { values: { count: 1, who: 'me' } }, next: 'set2' },
        { id: 'set2', uses: 'core/set', with: { values: { count: '{{ vars.count + 1 }}' } }, next: 'show' },
        { id: 'show', uses: 'test/echo', with: { vars: '{{ vars }}', out: '{{ nodes.set2 }}' } },
      ],
    };
    expect((await runTest(workflow)).output).toEqual({ vars: { count: 2, who: 'me' }, out: { count: 2 } });
  });

  it('refuses core/set names that would reach the prototype', async () => {
    const values = JSON.parse('{"__proto__": {"polluted": true}}');
    const record = await runTest({ id: 'p', nodes: [{ id: 's', uses: 'core/set', with: { values } }] });
    expect(record.error).toMatchObject({ code: 'invalid-config', nodeId: 's' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('passes through disabled nodes to their next', async () => {
    const workflow: Workflow = {
      id: 'skip',
      nodes: [
        { id: 'a', uses: 'test/echo', with: { v: 1 }, next: 'b' },
        {
          id: 'b',
          uses: 'test/fail',
          disabled: true,
          next: [{ when: '{{ false }}', to: 'x' }, { default: 'c' }],
        },
        { id: 'c', uses: 'test/echo', with: { v: '{{ nodes.a.v + 1 }}', b: '{{ nodes.b }}' } },
        { id: 'x', uses: 'test/fail' },
      ],
    };
    const record = await runTest(workflow);
    expect(record.output).toEqual({ v: 2, b: undefined });
    expect(record.nodes.b?.status).toBe('skipped');
    expect(traceLines(record, ['node.skipped', 'node.failed'])).toEqual(['node.skipped b']);
  });

  it('fails with the node id when a next target does not exist', async () => {
    const record = await runTest({ id: 'bad', nodes: [{ id: 'a', uses: 'test/echo', next: 'ghost' }] });
    expect(record.error).toEqual({
      code: 'unknown-node',
      message: "workflow 'bad': node 'a' goes to 'ghost', which is not a node of this workflow",
      nodeId: 'a',
    });
  });

  it('fails a node whose plugin is unknown, naming the uses string', async () => {
    const record = await runTest({ id: 'np', nodes: [{ id: 'a', uses: 'test/echo@^2' }] });
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({
      code: 'plugin-not-found',
      message: "plugin 'test/echo@^2' not found: no version of 'test/echo' satisfies '^2' (available: 1.0.0)",
      nodeId: 'a',
    });
  });

  it('fails a node whose with: expression is wrong, quoting the expression', async () => {
    const record = await runTest({
      id: 'ex',
      nodes: [{ id: 'a', uses: 'test/echo', with: { x: '{{ nodes.a.b + }}' } }],
    });
    expect(record.error?.code).toBe('expression-syntax');
    expect(record.error?.message).toContain('{{ nodes.a.b + }}');
    expect(record.error?.nodeId).toBe('a');
  });
});

describe('runWorkflow: branches', () => {
  const workflow: Workflow = {
    id: 'route',
    nodes: [
      {
        id: 'classify',
        uses: 'test/classify',
        with: { text: '{{ inputs.text }}' },
        next: [
          { when: "{{ output.intent == 'refund' }}", to: 'refund' },
          { on: 'greeting', to: 'greet' },
          { when: 'inputs.text == "fallback please"', to: 'fallback' },
          { default: 'other' },
        ],
      },
      { id: 'refund', uses: 'test/echo', with: { path: 'refund' } },
      { id: 'greet', uses: 'test/echo', with: { path: 'greet' } },
      { id: 'fallback', uses: 'test/echo', with: { path: 'fallback' } },
      { id: 'other', uses: 'test/echo', with: { path: 'other' } },
    ],
  };
  const route = async (text: string, w: Workflow = workflow) =>
    (await runTest(w, { text }, { plugins: [classify] })).output;

  it('takes the first branch whose when is true', async () => {
    expect(await route('refund please')).toEqual({ path: 'refund' });
  });

  it('matches on: against output.branch', async () => {
    expect(await route('hi')).toEqual({ path: 'greet' });
  });

  it('reads a when without braces as an expression', async () => {
    expect(await route('fallback please')).toEqual({ path: 'fallback' });
  });

  it('takes the default when nothing matched', async () => {
    expect(await route('something else')).toEqual({ path: 'other' });
  });

  it('ends the chain when nothing matched and there is no default', async () => {
    const noDefault: Workflow = {
      ...workflow,
      nodes: workflow.nodes.map((n) =>
        n.id === 'classify' ? { ...n, next: (n.next as unknown[]).slice(0, 2) as typeof n.next } : n,
      ),
    };
    const record = await runTest(noDefault, { text: 'nothing' }, { plugins: [classify] });
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ intent: 'other', branch: 'none' });
    expect(Object.keys(record.nodes)).toEqual(['classify']);
  });
});
