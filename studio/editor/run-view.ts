/**
 * What the canvas shows about one run: the run's status and, per node, its latest state with
 * input, output, duration and error. Built by folding trace events, so live and replayed runs
 * look the same.
 */
import type { TraceEvent } from '../../runtime/engine/types.ts';

/** A node's state in the run being shown. */
export interface NodeRunState {
  status: 'running' | 'completed' | 'failed' | 'skipped' | 'retrying';
  input?: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  durationMs?: number;
  attempt?: number;
  logs: Array<{ message: string; data?: unknown }>;
}

/** A run as the editor shows it. */
export interface RunView {
  runId?: string;
  status?: 'running' | 'completed' | 'failed' | 'cancelled';
  input?: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  nodes: Record<string, NodeRunState>;
  events: TraceEvent[];
}

/** No run shown. */
export function emptyRun(): RunView {
  return { nodes: {}, events: [] };
}

/** Folds one trace event into the run view (pure). */
export function reduceTrace(view: RunView, event: TraceEvent): RunView {
  if (view.runId && event.runId !== view.runId) return view;
  const next: RunView = { ...view, events: [...view.events, event] };
  const id = event.nodeId;
  const prev = id ? view.nodes[id] : undefined;
  const put = (state: Partial<NodeRunState>) => {
    next.nodes = { ...view.nodes, [id!]: { logs: prev?.logs ?? [], ...prev, ...state } as NodeRunState };
  };
  switch (event.type) {
    case 'run.started':
      return { ...next, status: 'running', input: event.input };
    case 'run.completed':
      return { ...next, status: 'completed', output: event.output };
    case 'run.failed':
      return { ...next, status: 'failed', error: event.error };
    case 'run.cancelled':
      return { ...next, status: 'cancelled' };
    case 'node.started':
      put({
        status: 'running',
        input: event.input,
        attempt: event.attempt,
        error: undefined,
        output: undefined,
      });
      break;
    case 'node.completed':
      put({ status: 'completed', output: event.output, durationMs: event.durationMs });
      break;
    case 'node.failed':
      put({ status: 'failed', error: event.error, durationMs: event.durationMs });
      break;
    case 'node.retrying':
      put({ status: 'retrying', error: event.error, attempt: event.attempt });
      break;
    case 'node.skipped':
      put({ status: 'skipped' });
      break;
    case 'node.log':
      if (id) put({ logs: [...(prev?.logs ?? []), { message: event.message ?? '', data: event.data }] });
      break;
  }
  return next;
}
