import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../workflow/types.ts';
import { runTest, traceLines } from '../test-kit.ts';

const fanOut = (join: string | undefined, slowFails = false): Workflow => ({
  id: 'fan',
  nodes: [
    {
      id: 'fan',
      uses: 'core/parallel',
      with: join ? { join } : {},
      branches: ['fast', 'slow'],
      next: 'after',
    },
    { id: 'fast', uses: 'test/sleep', with: { ms: 5, value: 'fast' }, next: 'fast2' },
    { id: 'fast2', uses: 'test/echo', with: { from: '{{ nodes.fast.value }}' } },
    {
      id: 'slow',
      uses: slowFails ? 'test/fail' : 'test/sleep',
      with: { ms: 1000, value: 'slow', message: 'slow broke' },
    },
    { id: 'after', uses: 'test/echo', with: { joined: '{{ nodes.fan }}' } },
  ],
});

describe('core/parallel', () => {
  it('join all: waits for every branch and keys outputs by branch start id', async () => {
    const record = await runTest(fanOut(undefined));
    expect(record.output).toEqual({
      joined: { fast: { from: 'fast' }, slow: { slept: 1000, value: 'slow' } },
    });
    const lines = traceLines(record, ['node.started', 'node.completed']);
    // both branches start before either finishes: they really run at the same time
    expect(lines.slice(0, 4)).toEqual([
      'node.started fan',
      'node.started fast @fan[fast]',
      'node.started slow @fan[slow]',
      'node.completed fast @fan[fast]',
    ]);
    expect(lines.indexOf('node.completed fan')).toBeGreaterThan(
      lines.indexOf('node.completed slow @fan[slow]'),
    );
  });

  it('join first: takes the first branch to finish and cancels the others', async () => {
    const t0 = performance.now();
    const record = await runTest(fanOut('first'));
    expect(performance.now() - t0).toBeLessThan(900);
    expect(record.output).toEqual({ joined: { fast: { from: 'fast' } } });
    expect(record.nodes.slow).toMatchObject({
      status: 'failed',
      error: { code: 'cancelled', message: "parallel 'fan': branch 'fast' finished first" },
    });
    expect(traceLines(record, ['node.failed', 'node.completed']).slice(-4)).toEqual([
      'node.completed fast2 @fan[fast]',
      'node.failed slow @fan[slow] [cancelled]',
      'node.completed fan',
      'node.completed after',
    ]);
  });

  it('join all: one failing branch fails the node and cancels the rest', async () => {
    const workflow = fanOut('all', true);
    workflow.nodes[1] = { id: 'fast', uses: 'test/sleep', with: { ms: 1000 } };
    const t0 = performance.now();
    const record = await runTest(workflow);
    expect(performance.now() - t0).toBeLessThan(900);
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({ code: 'node-failed', message: 'slow broke', nodeId: 'slow' });
    expect(record.nodes.fast?.error?.code).toBe('cancelled');
    expect(record.nodes.fan?.status).toBe('failed');
  });

  it('join first: a failing branch does not win; the run fails only when all fail', async () => {
    const workflow: Workflow = {
      id: 'race',
      nodes: [
        { id: 'fan', uses: 'core/parallel', with: { join: 'first' }, branches: ['bad', 'good'] },
        { id: 'bad', uses: 'test/fail', with: { message: 'nope' } },
        { id: 'good', uses: 'test/sleep', with: { ms: 5, value: 'ok' } },
      ],
    };
    expect((await runTest(workflow)).output).toEqual({ good: { slept: 5, value: 'ok' } });
    workflow.nodes[2] = { id: 'good', uses: 'test/fail', with: { message: 'also nope' } };
    const failed = await runTest(workflow);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('nope');
  });

  it('refuses a parallel node without branches or with an unknown join', async () => {
    const none = await runTest({ id: 'p', nodes: [{ id: 'fan', uses: 'core/parallel' }] });
    expect(none.error?.message).toBe(
      "parallel 'fan' needs branches: the ids of the first node of each branch",
    );
    const bad = await runTest({
      id: 'p',
      nodes: [
        { id: 'fan', uses: 'core/parallel', with: { join: 'any' }, branches: ['x'] },
        { id: 'x', uses: 'test/echo' },
      ],
    });
    expect(bad.error?.message).toBe(`parallel 'fan': with.join must be 'all' or 'first', got "any"`);
  });
});
