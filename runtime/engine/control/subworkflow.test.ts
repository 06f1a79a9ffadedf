import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../workflow/types.ts';
import { runTest, traceLines } from '../test-kit.ts';

const lookup: Workflow = {
  id: 'lookup',
  inputs: { orderId: { type: 'string', required: true }, currency: { type: 'string', default: 'EUR' } },
  nodes: [
    {
      id: 'fetch',
      uses: 'test/echo',
      with: { id: '{{ inputs.orderId }}', total: 42, currency: '{{ inputs.currency }}' },
      next: 'done',
    },
    { id: 'done', uses: 'core/end', with: { output: { order: '{{ nodes.fetch }}' } } },
  ],
};

const caller: Workflow = {
  id: 'caller',
  nodes: [
    {
      id: 'call',
      uses: 'core/workflow',
      with: { workflow: 'lookup', input: { orderId: '{{ inputs.id }}' } },
      next: 'reply',
    },
    {
      id: 'reply',
      uses: 'test/echo',
      with: {
        text: 'Order {{ nodes.call.order.id }}: {{ nodes.call.order.total }} {{ nodes.call.order.currency }}',
      },
    },
  ],
};

describe('core/workflow', () => {
  it("runs the sub-workflow with with.input and makes its output the node's output", async () => {
    const record = await runTest(caller, { id: 'A-7' }, { workflows: [lookup] });
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ text: 'Order A-7: 42 EUR' });
    expect(record.nodes.call?.output).toEqual({ order: { id: 'A-7', total: 42, currency: 'EUR' } });
  });

  it("shows the sub-run's nodes in the trace, scoped by workflow id", async () => {
    const record = await runTest(caller, { id: 'A-7' }, { workflows: [lookup] });
    expect(traceLines(record, ['node.completed'])).toEqual([
      'node.completed fetch @lookup',
      'node.completed done @lookup',
      'node.completed call',
      'node.completed reply',
    ]);
    const fetched = record.events.find((e) => e.type === 'node.completed' && e.nodeId === 'fetch');
    expect(fetched?.workflowId).toBe('lookup');
    expect(Object.keys(record.nodes)).toEqual(['lookup/fetch', 'lookup/done', 'call', 'reply']);
    expect(record.plugins['core/workflow']?.version).toBe('1.0.0');
  });

  it("fails the calling node when the sub-workflow's inputs are missing", async () => {
    const record = await runTest(caller, {}, { workflows: [lookup] });
    expect(record.error).toEqual({
      code: 'invalid-input',
      message: "workflow 'lookup': missing required input 'orderId'",
      nodeId: 'call',
    });
  });

  it('reports the innermost failing node', async () => {
    const broken: Workflow = {
      id: 'lookup',
      nodes: [{ id: 'fetch', uses: 'test/fail', with: { message: 'db down' } }],
    };
    const record = await runTest(caller, { id: 'x' }, { workflows: [broken] });
    expect(record.error).toEqual({ code: 'node-failed', message: 'db down', nodeId: 'fetch' });
    expect(record.nodes.call?.status).toBe('failed');
  });

  it('stops a workflow that calls itself at the depth limit', async () => {
    const recursive: Workflow = {
      id: 'recurse',
      nodes: [
        { id: 'count', uses: 'test/echo', with: { depth: '{{ default(inputs.depth, 0) }}' }, next: 'again' },
        {
          id: 'again',
          uses: 'core/workflow',
          with: { workflow: 'recurse', input: { depth: '{{ nodes.count.depth + 1 }}' } },
        },
      ],
    };
    const record = await runTest(recursive);
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('subworkflow-depth');
    expect(record.error?.message).toBe(
      "node 'again': sub-workflows nest deeper than 10 levels calling 'recurse' (does a workflow call itself?)",
    );
    const depths = record.events
      .filter((e) => e.type === 'node.completed' && e.nodeId === 'count')
      .map((e) => (e.output as { depth: number }).depth);
    expect(depths).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const limited = await runTest(recursive, {}, { limits: { maxSubworkflowDepth: 2 } });
    expect(limited.events.filter((e) => e.type === 'node.completed' && e.nodeId === 'count')).toHaveLength(3);
  });

  it('fails clearly when the workflow cannot be loaded or is not named', async () => {
    expect((await runTest(caller, { id: 'x' })).error).toEqual({
      code: 'not-found',
      message: "workflow 'lookup' not found",
      nodeId: 'call',
    });
    const unnamed = await runTest({ id: 'u', nodes: [{ id: 'call', uses: 'core/workflow', with: {} }] });
    expect(unnamed.error?.message).toBe(
      "node 'call': with.workflow must name the workflow to run (an id or a relative path)",
    );
  });
});
