import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { startTestRun, testPlugin, traceLines } from './test-kit.ts';

/** A plugin that reports when it starts and waits until its signal aborts. */
function hanging() {
  let started!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  let aborted: unknown;
  const plugin = testPlugin('hang', (_c, ctx) => {
    started();
    return new Promise((_resolve, reject) => {
      ctx.signal.addEventListener('abort', () => {
        aborted = ctx.signal.reason;
        reject(ctx.signal.reason);
      });
    });
  });
  return { plugin, running, abortedWith: () => aborted };
}

const workflow: Workflow = {
  id: 'c',
  nodes: [
    { id: 'first', uses: 'test/echo', next: 'wait' },
    { id: 'wait', uses: 'test/hang', retry: { max: 3 }, onError: 'continue', next: 'after' },
    { id: 'after', uses: 'test/echo' },
  ],
};

describe('cancellation', () => {
  it('handle.cancel() aborts the running plugin and ends the run as cancelled', async () => {
    const { plugin, running, abortedWith } = hanging();
    const handle = startTestRun(workflow, {}, { plugins: [plugin] });
    await running;
    handle.cancel('user pressed stop');
    const record = await handle.result;
    expect(record.status).toBe('cancelled');
    expect(record.error).toEqual({ code: 'cancelled', message: 'user pressed stop' });
    expect((abortedWith() as Error).message).toBe('user pressed stop');
    expect(record.nodes.after).toBeUndefined();
    // neither retried nor caught by onError
    expect(traceLines(record)).toEqual([
      'run.started',
      'node.started first',
      'node.completed first',
      'node.started wait',
      'node.failed wait [cancelled]',
      'run.cancelled [cancelled]',
    ]);
  });

  it('options.signal cancels the run too', async () => {
    const { plugin, running } = hanging();
    const outer = new AbortController();
    const handle = startTestRun(workflow, {}, { plugins: [plugin], signal: outer.signal });
    await running;
    outer.abort(new Error('host shutting down'));
    const record = await handle.result;
    expect(record.status).toBe('cancelled');
    expect(record.error?.message).toBe('host shutting down');
  });

  it('cancels during a retry wait', async () => {
    let calls = 0;
    const failing = testPlugin('down', () => {
      calls++;
      throw new Error('down');
    });
    const handle = startTestRun(
      { id: 'w', nodes: [{ id: 'x', uses: 'test/down', retry: { max: 5, backoff: '10s' } }] },
      {},
      {
        plugins: [failing],
        sleep: undefined,
      },
    );
    setTimeout(() => handle.cancel(), 20);
    const record = await handle.result;
    expect(record.status).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('a run that is already cancelled runs no node', async () => {
    const outer = new AbortController();
    outer.abort();
    const record = await startTestRun(workflow, {}, { signal: outer.signal }).result;
    expect(record.status).toBe('cancelled');
    expect(Object.keys(record.nodes)).toEqual([]);
  });

  it('cancel after the run ended changes nothing', async () => {
    const handle = startTestRun({ id: 'w', nodes: [{ id: 'a', uses: 'test/echo', with: { v: 1 } }] });
    const record = await handle.result;
    handle.cancel();
    expect(record.status).toBe('completed');
    expect((await handle.result).status).toBe('completed');
  });
});
