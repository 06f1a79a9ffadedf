import { describe, expect, it } from 'vitest';
import type { Workflow } from '../workflow/types.ts';
import { runTest, traceLines } from './test-kit.ts';

describe('onError', () => {
  it('fail (the default) fails the run with the node id', async () => {
    const record = await runTest({
      id: 'f',
      nodes: [
        { id: 'a', uses: 'test/fail', with: { message: 'broken' }, next: 'b' },
        { id: 'b', uses: 'test/echo' },
      ],
    });
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({ code: 'node-failed', message: 'broken', nodeId: 'a' });
    expect(record.nodes.b).toBeUndefined();
    expect(traceLines(record)).toEqual([
      'run.started',
      'node.started a',
      'node.failed a [node-failed]',
      'run.failed [node-failed]',
    ]);
  });

  it('continue: the output becomes { error } and the run goes on via next', async () => {
    const workflow: Workflow = {
      id: 'c',
      nodes: [
        {
          id: 'a',
          uses: 'test/fail',
          with: { message: 'broken' },
          onError: 'continue',
          next: [{ when: '{{ output.error }}', to: 'apologise' }, { default: 'ok' }],
        },
        {
          id: 'apologise',
          uses: 'test/echo',
          with: { text: 'Sorry: {{ nodes.a.error.message }} ({{ nodes.a.error.code }})' },
        },
        { id: 'ok', uses: 'test/fail' },
      ],
    };
    const record = await runTest(workflow);
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ text: 'Sorry: broken (node-failed)' });
    expect(record.nodes.a?.status).toBe('failed');
  });

  it('fallback: the run goes on at the fallback node with nodes.<id>.error set', async () => {
    const workflow: Workflow = {
      id: 'fb',
      nodes: [
        {
          id: 'primary',
          uses: 'test/fail',
          with: { message: 'model down' },
          onError: { fallback: 'backup' },
          next: 'never',
        },
        { id: 'backup', uses: 'test/echo', with: { reason: '{{ nodes.primary.error.message }}' } },
        { id: 'never', uses: 'test/fail' },
      ],
    };
    const record = await runTest(workflow);
    expect(record.output).toEqual({ reason: 'model down' });
    expect(traceLines(record, ['node.failed', 'node.completed'])).toEqual([
      'node.failed primary [node-failed]',
      'node.completed backup',
    ]);
  });

  it('applies after retries are exhausted', async () => {
    const record = await runTest({
      id: 'r',
      nodes: [{ id: 'a', uses: 'test/fail', retry: { max: 2 }, onError: 'continue' }],
    });
    expect(record.output).toEqual({ error: { code: 'node-failed', message: 'boom' } });
    expect(record.nodes.a?.attempts).toBe(3);
  });

  it('applies to control nodes: a failing loop body can be caught at the loop', async () => {
    const workflow: Workflow = {
      id: 'loop-fail',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { forEach: [1] }, body: 'bad', onError: 'continue' },
        { id: 'bad', uses: 'test/fail', with: { message: 'inner' } },
      ],
    };
    const record = await runTest(workflow);
    expect(record.output).toEqual({ error: { code: 'node-failed', message: 'inner' } });
  });
});
