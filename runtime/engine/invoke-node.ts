/** One attempt of one node: a plugin call or a control construct, raced against timeout and cancellation. */
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { TimeoutError } from '../workflow/errors.ts';
import type { WorkflowNode } from '../workflow/types.ts';
import { linkedController, raceAbort } from './abort.ts';
import { runControl } from './control/run-control.ts';
import { createNodeContext } from './node-context.ts';
import type { NodePlan } from './node-plan.ts';
import type { Cursor, RunState } from './run-state.ts';

/** What an attempt produced; `ended` is set when a core/end was reached (directly or inside a loop/branch). */
export interface InvokeResult {
  output: unknown;
  ended: boolean;
}

function timeoutError(nodeId: string, ms: number): TimeoutError {
  const error = new TimeoutError(nodeId, ms);
  error.message = `node '${nodeId}' timed out after ${ms} ms`;
  return error;
}

async function callPlugin(
  plugin: ResolvedPlugin,
  input: Record<string, unknown>,
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  attempt: number,
  signal: AbortSignal,
): Promise<InvokeResult> {
  const output = await plugin.invoke(input, createNodeContext(state, cursor, node, attempt, signal));
  return { output, ended: false };
}

/**
 * Runs the node once. With a timeout, the plugin gets a signal that aborts after `timeout` ms and the
 * attempt fails at that moment even if the plugin ignores the signal.
 */
export async function invokeNode(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  plan: NodePlan,
  plugin: ResolvedPlugin,
  input: Record<string, unknown>,
  attempt: number,
  previous: unknown,
): Promise<InvokeResult> {
  let signal = cursor.signal;
  let cleanup: (() => void) | undefined;
  const ms = plan.timeoutMs;
  if (ms !== undefined) {
    const { controller, unlink } = linkedController(cursor.signal);
    const timer = setTimeout(() => controller.abort(timeoutError(node.id, ms)), ms);
    signal = controller.signal;
    cleanup = () => {
      clearTimeout(timer);
      unlink();
    };
  }
  try {
    const control = plugin.manifest.control;
    const work = control
      ? runControl(control, { state, cursor, node, plan, input, signal, previous })
      : callPlugin(plugin, input, state, cursor, node, attempt, signal);
    return await raceAbort(work, signal);
  } finally {
    cleanup?.();
  }
}
