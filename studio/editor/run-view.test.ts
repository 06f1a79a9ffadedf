import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../runtime/engine/types.ts';
import { emptyRun, reduceTrace } from './run-view.ts';

const ev = (seq: number, type: TraceEvent['type'], extra: Partial<TraceEvent> = {}): TraceEvent => ({
  type,
  seq,
  runId: 'r1',
  at: seq,
  workflowId: 'w',
  ...extra,
});

describe('run view', () => {
  it('lights nodes up as trace events arrive', () => {
    const events = [
      ev(1, 'run.started', { input: { message: 'hi' } }),
      ev(2, 'node.started', { nodeId: 'a', input: { q: 'hi' } }),
      ev(3, 'node.completed', { nodeId: 'a', output: { ok: 1 }, durationMs: 12 }),
      ev(4, 'node.started', { nodeId: 'b' }),
    ];
    const view = events.reduce(reduceTrace, { ...emptyRun(), runId: 'r1' });
    expect(view.status).toBe('running');
    expect(view.nodes.a).toMatchObject({
      status: 'completed',
      input: { q: 'hi' },
      output: { ok: 1 },
      durationMs: 12,
    });
    expect(view.nodes.b!.status).toBe('running');
    const failed = reduceTrace(
      reduceTrace(view, ev(5, 'node.failed', { nodeId: 'b', error: { code: 'x', message: 'boom' } })),
      ev(6, 'run.failed', { error: { code: 'x', message: 'boom' } }),
    );
    expect(failed.nodes.b).toMatchObject({ status: 'failed', error: { message: 'boom' } });
    expect(failed.status).toBe('failed');
  });

  it('ignores events of another run', () => {
    const view = reduceTrace(
      { ...emptyRun(), runId: 'r1' },
      { ...ev(1, 'node.started', { nodeId: 'a' }), runId: 'r2' },
    );
    expect(view.nodes).toEqual({});
  });
});
