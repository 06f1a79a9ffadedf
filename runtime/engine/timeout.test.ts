import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { runTest, testPlugin } from './test-kit.ts';

describe('node timeout', () => {
  it('aborts the plugin signal and fails the node after the timeout', async () => {
    let seenAbort = false;
    const slow = testPlugin(
      'slow',
      (_c, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            seenAbort = true;
            reject(ctx.signal.reason);
          });
        }),
    );
    const record = await runTest(
      { id: 't', nodes: [{ id: 'x', uses: 'test/slow', timeout: '30ms' }] },
      {},
      { plugins: [slow] },
    );
    expect(seenAbort).toBe(true);
    expect(record.error).toEqual({ code: 'timeout', message: "node 'x' timed out after 30 ms", nodeId: 'x' });
  });

  it('does not wait for a plugin that ignores its signal', async () => {
    const stubborn = testPlugin(
      'stubborn',
      () => new Promise((resolve) => setTimeout(() => resolve('late'), 1500)),
    );
    const t0 = performance.now();
    const record = await runTest(
      { id: 't', nodes: [{ id: 'x', uses: 'test/stubborn', timeout: 20 }] },
      {},
      { plugins: [stubborn] },
    );
    expect(performance.now() - t0).toBeLessThan(1200);
    expect(record.error?.code).toBe('timeout');
  });

  it('retries a timed-out attempt, and each attempt gets its own timeout', async () => {
    let calls = 0;
    const slowOnce = testPlugin('slow-once', async (_c, ctx) => {
      if (++calls === 1)
        await new Promise((_r, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      return { calls };
    });
    const record = await runTest(
      { id: 't', nodes: [{ id: 'x', uses: 'test/slow-once', timeout: '20ms', retry: { max: 1 } }] },
      {},
      { plugins: [slowOnce] },
    );
    expect(record.output).toEqual({ calls: 2 });
    expect(record.events.find((e) => e.type === 'node.retrying')?.error?.code).toBe('timeout');
  });

  it('times out a whole loop and cancels the node running inside it', async () => {
    const workflow: Workflow = {
      id: 'slow-loop',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { forEach: [1, 2, 3] }, body: 'work', timeout: 30 },
        { id: 'work', uses: 'test/sleep', with: { ms: 20 } },
      ],
    };
    const record = await runTest(workflow);
    expect(record.error).toEqual({ code: 'timeout', message: "node 'l' timed out after 30 ms", nodeId: 'l' });
    expect(record.nodes.work?.status).toBe('failed');
    expect(record.nodes.work?.error?.code).toBe('cancelled');
  });

  it('refuses a timeout that is not a duration', async () => {
    const record = await runTest({ id: 't', nodes: [{ id: 'x', uses: 'test/echo', timeout: 'soon' }] });
    expect(record.error).toMatchObject({ code: 'invalid-duration', nodeId: 'x' });
    expect(record.error?.message).toMatch(/^node 'x' timeout: invalid duration 'soon'/);
  });

  it('reads durations the way the workflow schema writes them', async () => {
    const record = await runTest({ id: 't', nodes: [{ id: 'x', uses: 'test/echo', timeout: '1m30s' }] });
    expect(record.status).toBe('completed');
    const bare = await runTest({ id: 't', nodes: [{ id: 'x', uses: 'test/echo', timeout: '500' }] });
    expect(bare.error?.message).toMatch(/add a unit: '500ms'/);
  });
});
