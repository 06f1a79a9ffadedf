import { describe, expect, it } from 'vitest';
import { OperationalError, UserError } from '../workflow/errors.ts';
import type { Workflow } from '../workflow/types.ts';
import { retryDelay, toRetrySchedule } from './retry-delay.ts';
import { runTest, testPlugin, traceLines } from './test-kit.ts';

/** A plugin that fails `failures` times, then succeeds. */
function flaky(
  failures: number,
  error: () => Error = () => new OperationalError('unavailable', 'service unavailable'),
) {
  let calls = 0;
  const attempts: number[] = [];
  const plugin = testPlugin('flaky', (_config, ctx) => {
    attempts.push(ctx.attempt);
    if (++calls <= failures) throw error();
    return { ok: true, calls };
  });
  return { plugin, attempts };
}

const workflow = (retry: Workflow['nodes'][number]['retry']): Workflow => ({
  id: 'r',
  nodes: [{ id: 'call', uses: 'test/flaky', retry }],
});

describe('retry', () => {
  it('retries up to max extra attempts and succeeds when an attempt does', async () => {
    const { plugin, attempts } = flaky(2);
    const record = await runTest(workflow({ max: 3 }), {}, { plugins: [plugin] });
    expect(record.output).toEqual({ ok: true, calls: 3 });
    expect(attempts).toEqual([1, 2, 3]);
    expect(record.nodes.call).toMatchObject({ status: 'completed', attempts: 3 });
    expect(traceLines(record)).toEqual([
      'run.started',
      'node.started call',
      'node.retrying call [unavailable]',
      'node.retrying call [unavailable]',
      'node.completed call',
      'run.completed',
    ]);
  });

  it('fails after max extra attempts with the last error', async () => {
    const { plugin, attempts } = flaky(10);
    const record = await runTest(workflow({ max: 2 }), {}, { plugins: [plugin] });
    expect(attempts).toEqual([1, 2, 3]);
    expect(record.error).toEqual({ code: 'unavailable', message: 'service unavailable', nodeId: 'call' });
    expect(record.nodes.call?.attempts).toBe(3);
  });

  it('waits with exponential backoff and jitter, using the injected sleep and random', async () => {
    const { plugin } = flaky(4);
    const waits: number[] = [];
    const randoms = [0, 1, 0.5, 0.5];
    await runTest(
      workflow({ max: 4, backoff: '100ms', factor: 3, maxDelay: '1s', jitter: 0.5 }),
      {},
      {
        plugins: [plugin],
        random: () => randoms.shift() ?? 0.5,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    // 100 * 3^n capped at 1000, spread by ±50%: 100*0.5, 300*1.5, 900, min(2700, 1000)
    expect(waits).toEqual([50, 450, 900, 1000]);
  });

  it('reports each wait in the node.retrying event', async () => {
    const { plugin } = flaky(1);
    const record = await runTest(workflow({ max: 1 }), {}, { plugins: [plugin], random: () => 0.5 });
    const retrying = record.events.find((e) => e.type === 'node.retrying');
    expect(retrying).toMatchObject({
      nodeId: 'call',
      attempt: 1,
      error: { code: 'unavailable' },
      data: { delayMs: 200 },
    });
  });

  it('does not retry bad input', async () => {
    const { plugin, attempts } = flaky(5, () => new UserError('invalid-config', 'bad config'));
    const record = await runTest(workflow({ max: 3 }), {}, { plugins: [plugin] });
    expect(attempts).toEqual([1]);
    expect(record.error?.code).toBe('invalid-config');
  });

  it('computes the default schedule: 200 ms, doubling, capped at 30 s', () => {
    const schedule = toRetrySchedule({ max: 10 }, 'n');
    const delays = [1, 2, 3, 9, 10].map((n) => retryDelay(schedule, n, () => 0.5));
    expect(delays).toEqual([200, 400, 800, 30_000, 30_000]);
    expect(retryDelay(schedule, 1, () => 0)).toBe(160);
    expect(() => toRetrySchedule({ max: 1, backoff: 'soon' }, 'n')).toThrow(
      "node 'n' retry.backoff: invalid duration 'soon'; expected milliseconds as a number (500) or a number with a unit: '500ms', '5s', '2m', '1h'",
    );
  });
});
