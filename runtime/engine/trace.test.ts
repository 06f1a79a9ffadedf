import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { runTest, startTestRun, testPlugin } from './test-kit.ts';
import type { TraceEvent } from './types.ts';

const llm = testPlugin('llm', (config, ctx) => {
  ctx.log('calling model', { prompt: config.prompt });
  return {
    text: 'ok',
    usage: { promptTokens: 12, completionTokens: 3 },
    costUsd: 0.0004,
    key: ctx.idempotencyKey,
    tenant: ctx.tenantId,
  };
});

describe('trace', () => {
  it('numbers events in order and carries inputs, outputs, logs, durations and usage', async () => {
    const workflow: Workflow = {
      id: 'tr',
      nodes: [{ id: 'ask', uses: 'test/llm', with: { prompt: 'Hi {{ inputs.name }}' } }],
    };
    const record = await runTest(workflow, { name: 'Ada' }, { plugins: [llm], tenantId: 'acme' });
    const events = record.events;
    expect(events.map((e) => e.type)).toEqual([
      'run.started',
      'node.started',
      'node.log',
      'node.completed',
      'run.completed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(
      events.every((e) => e.runId === 'test-run' && e.workflowId === 'tr' && typeof e.at === 'number'),
    ).toBe(true);
    expect(events[0]).toMatchObject({ input: { name: 'Ada' } });
    expect(events[1]).toMatchObject({
      nodeId: 'ask',
      uses: 'test/llm',
      input: { prompt: 'Hi Ada' },
      attempt: 1,
    });
    expect(events[2]).toMatchObject({ nodeId: 'ask', message: 'calling model', data: { prompt: 'Hi Ada' } });
    expect(events[3]).toMatchObject({
      nodeId: 'ask',
      attempt: 1,
      costUsd: 0.0004,
      tokens: { prompt: 12, completion: 3 },
    });
    expect(events[3]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[4]).toMatchObject({ output: { text: 'ok', tenant: 'acme' } });
  });

  it('streams events live through handle.events and ends after the last one', async () => {
    const handle = startTestRun({
      id: 'live',
      nodes: [
        { id: 'a', uses: 'test/sleep', with: { ms: 5 }, next: 'b' },
        { id: 'b', uses: 'test/echo' },
      ],
    });
    const seen: TraceEvent[] = [];
    for await (const event of handle.events) seen.push(event);
    const record = await handle.result;
    expect(seen.map((e) => e.seq)).toEqual(record.events.map((e) => e.seq));
    expect(seen.at(-1)?.type).toBe('run.completed');
    expect(() => handle.events[Symbol.asyncIterator]()).toThrow('run events can be iterated only once');
  });

  it('gives side-effecting calls a key that is stable for run+node+scope and differs per loop round', async () => {
    const keys: string[] = [];
    const pay = testPlugin('pay', (_c, ctx) => {
      keys.push(ctx.idempotencyKey, ctx.idempotencyKey);
      if (ctx.attempt === 1) throw new Error('flaky');
      return {};
    });
    const workflow: Workflow = {
      id: 'k',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { forEach: [1, 2] }, body: 'pay' },
        { id: 'pay', uses: 'test/pay', retry: { max: 1 } },
      ],
    };
    await runTest(workflow, {}, { plugins: [pay] });
    expect(keys).toHaveLength(8);
    expect(new Set(keys.slice(0, 4)).size).toBe(1); // retries of round 0 share one key
    expect(keys[4]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hands plugins the capabilities the host grants for that node', async () => {
    const reader = testPlugin('reader', async (_c, ctx) => ({ secret: await ctx.secrets?.get('token') }));
    const record = await runTest(
      { id: 'cap', nodes: [{ id: 'r', uses: 'test/reader' }] },
      {},
      {
        plugins: [reader],
        capabilities: ({ nodeId, uses }) => ({
          secrets: { get: async (name) => `${name} for ${nodeId} (${uses})` },
        }),
      },
    );
    expect(record.output).toEqual({ secret: 'token for r (test/reader)' });
  });

  it('fails a node whose output is larger than maxOutputBytes', async () => {
    const big = testPlugin('big', () => ({ text: 'x'.repeat(2000) }));
    const record = await runTest(
      { id: 'big', nodes: [{ id: 'b', uses: 'test/big', retry: { max: 3 } }] },
      {},
      { plugins: [big], limits: { maxOutputBytes: 1000 } },
    );
    expect(record.error).toEqual({
      code: 'output-too-large',
      message: "node 'b' returned more than the 1000-byte output limit (maxOutputBytes)",
      nodeId: 'b',
    });
    expect(record.nodes.b?.attempts).toBe(1);
    expect(
      (await runTest({ id: 'ok', nodes: [{ id: 'b', uses: 'test/big' }] }, {}, { plugins: [big] })).status,
    ).toBe('completed');
  });

  it('fails a node whose output refers to itself', async () => {
    const cyclic = testPlugin('cyclic', () => {
      const a: Record<string, unknown> = { shared: { x: 1 } };
      a.again = a.shared; // shared twice is fine
      a.self = a;
      return a;
    });
    const record = await runTest(
      { id: 'cy', nodes: [{ id: 'c', uses: 'test/cyclic' }] },
      {},
      { plugins: [cyclic] },
    );
    expect(record.error?.message).toContain('refers to itself');
  });

  it('never rejects result, even when the resolver itself throws unexpectedly', async () => {
    const record = await startTestRun(
      { id: 'x', nodes: [{ id: 'a', uses: 'test/echo' }] },
      {},
      {
        resolvePlugin: () => {
          throw new TypeError('resolver bug');
        },
      },
    ).result;
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({ code: 'node-failed', message: 'resolver bug', nodeId: 'a' });
  });
});
