/**
 * Runs one node: evaluate `with:`, resolve the plugin, call it with timeout, retries and circuit
 * breaker, record the trace, then pick the next node or apply `onError`.
 */
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { NodeError } from '../workflow/errors.ts';
import type { WorkflowNode } from '../workflow/types.ts';
import { chooseNext } from './choose-next.ts';
import { type Failure, isRetryable, toCancelled, toFailure, toNodeError } from './failure.ts';
import { type InvokeResult, invokeNode } from './invoke-node.ts';
import { type NodePlan, planFor } from './node-plan.ts';
import { exceedsSize } from './output-size.ts';
import { retryDelay } from './retry-delay.ts';
import type { Cursor, RunState, StepResult } from './run-state.ts';

/** A run that executes more nodes than this is cycling: stop it rather than spin forever. */
const MAX_NODE_EXECUTIONS = 100_000;

/** Where the circuit for this call is: the host of `with.url`, else this node. */
function breakerKey(
  plugin: ResolvedPlugin,
  input: Record<string, unknown>,
  cursor: Cursor,
  node: WorkflowNode,
): string {
  if (typeof input.url === 'string') {
    try {
      return `${plugin.manifest.id} ${new URL(input.url).host}`;
    } catch {
      // not a URL: fall back to the node
    }
  }
  return `${plugin.manifest.id} ${cursor.frame.workflow.id}/${node.id}`;
}

/** Usage a plugin reports in its output (LLM nodes return `usage` and `costUsd`) is lifted into the trace. */
function usageOf(output: unknown): { costUsd?: number; tokens?: { prompt: number; completion: number } } {
  if (typeof output !== 'object' || output === null) return {};
  const { costUsd, usage } = output as {
    costUsd?: unknown;
    usage?: { promptTokens?: unknown; completionTokens?: unknown };
  };
  const result: { costUsd?: number; tokens?: { prompt: number; completion: number } } = {};
  if (typeof costUsd === 'number') result.costUsd = costUsd;
  if (typeof usage?.promptTokens === 'number' && typeof usage.completionTokens === 'number') {
    result.tokens = { prompt: usage.promptTokens, completion: usage.completionTokens };
  }
  return result;
}

/** Runs `node` in `cursor`; `previous` is the output of the node before it in the chain. */
export async function executeNode(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  previous: unknown,
): Promise<StepResult> {
  const { trace } = state;
  const { frame } = cursor;
  const workflowId = frame.workflow.id;
  const key = frame.recordPrefix + node.id;
  let plan: NodePlan;
  try {
    plan = planFor(node);
  } catch (error) {
    throw toNodeError(error, workflowId, node.id);
  }
  if (node.disabled) {
    trace.emit({ type: 'node.skipped', workflowId, nodeId: node.id, scope: cursor.scope, uses: node.uses });
    trace.recordNode(key, {
      nodeId: node.id,
      uses: node.uses,
      status: 'skipped',
      attempts: 0,
      durationMs: 0,
    });
    return { output: previous, next: plan.passThrough, ended: false };
  }
  if (++state.executions > MAX_NODE_EXECUTIONS) {
    throw new NodeError(
      'too-many-steps',
      `the run executed more than ${MAX_NODE_EXECUTIONS} nodes; does '${node.id}' loop back forever?`,
      { workflowId, nodeId: node.id },
    );
  }

  const started = performance.now();
  let input: Record<string, unknown> | undefined;
  let attempts = 0;
  let failed: unknown;
  let plugin: ResolvedPlugin | undefined;
  try {
    input = plan.with.evaluate(cursor.expressionScope, state.expressionLimits) as Record<string, unknown>;
    plugin = await state.resolve(node.uses);
  } catch (error) {
    failed = error;
  }
  trace.emit({
    type: 'node.started',
    workflowId,
    nodeId: node.id,
    scope: cursor.scope,
    uses: node.uses,
    input,
    attempt: 1,
  });

  const circuit = plugin && plan.breaker ? breakerKey(plugin, input!, cursor, node) : undefined;
  let result: InvokeResult | undefined;
  while (plugin && failed === undefined && result === undefined) {
    attempts++;
    try {
      if (circuit) state.breakers.beforeCall(circuit, plan.breaker!, node.id);
      result = await invokeNode(state, cursor, node, plan, plugin, input!, attempts, previous);
      if (exceedsSize(result.output, state.maxOutputBytes)) {
        throw new NodeError(
          'output-too-large',
          `node '${node.id}' returned more than the ${state.maxOutputBytes}-byte output limit (maxOutputBytes)`,
          { nodeId: node.id },
        );
      }
      if (circuit) state.breakers.onSuccess(circuit);
    } catch (error) {
      result = undefined;
      if (cursor.signal.aborted) return cancelled(state, cursor, node, key, { input, attempts, started });
      if (circuit && !(error instanceof NodeError && error.code === 'circuit-open'))
        state.breakers.onFailure(circuit, plan.breaker!);
      if (plan.retry && attempts <= plan.retry.max && isRetryable(error)) {
        const delayMs = retryDelay(plan.retry, attempts, state.random);
        trace.emit({
          type: 'node.retrying',
          workflowId,
          nodeId: node.id,
          scope: cursor.scope,
          uses: node.uses,
          attempt: attempts,
          error: toFailure(error),
          data: { delayMs },
        });
        try {
          await state.sleep(delayMs, cursor.signal);
        } catch {
          return cancelled(state, cursor, node, key, { input, attempts, started });
        }
        continue;
      }
      failed = error;
    }
  }
  if (result === undefined) return fail(state, cursor, node, plan, key, { input, attempts, started }, failed);

  const output = result.output;
  frame.nodes[node.id] = output;
  const durationMs = performance.now() - started;
  trace.emit({
    type: 'node.completed',
    workflowId,
    nodeId: node.id,
    scope: cursor.scope,
    uses: node.uses,
    output,
    attempt: attempts,
    durationMs,
    ...usageOf(output),
  });
  trace.recordNode(key, {
    nodeId: node.id,
    uses: node.uses,
    status: 'completed',
    input,
    output,
    attempts,
    durationMs,
  });
  if (result.ended) return { output, next: undefined, ended: true };
  return {
    output,
    next: chooseNext(plan, output, cursor.expressionScope, state.expressionLimits, node.id),
    ended: false,
  };
}

/** What a failed node had done when it stopped: its evaluated input, attempts so far, start time. */
interface FailedAttempt {
  input: unknown;
  attempts: number;
  started: number;
}

/** Traces and records a node that ended with `failure`. */
function recordFailure(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  key: string,
  attempt: FailedAttempt,
  failure: Failure,
): void {
  const durationMs = performance.now() - attempt.started;
  state.trace.emit({
    type: 'node.failed',
    workflowId: cursor.frame.workflow.id,
    nodeId: node.id,
    scope: cursor.scope,
    uses: node.uses,
    error: failure,
    attempt: attempt.attempts,
    durationMs,
  });
  state.trace.recordNode(key, {
    nodeId: node.id,
    uses: node.uses,
    status: 'failed',
    input: attempt.input,
    error: failure,
    attempts: attempt.attempts,
    durationMs,
  });
}

/** The node stopped because its run, branch or parent was cancelled: trace it, then let cancellation travel up. */
function cancelled(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  key: string,
  attempt: FailedAttempt,
): never {
  const error = toCancelled(cursor.signal.reason);
  recordFailure(state, cursor, node, key, attempt, { code: 'cancelled', message: error.message });
  throw error;
}

/** Records the failure and applies `onError`: fail the run, continue with `{ error }`, or go to a fallback. */
function fail(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  plan: NodePlan,
  key: string,
  attempt: FailedAttempt,
  error: unknown,
): StepResult {
  const failure = toFailure(error);
  recordFailure(state, cursor, node, key, attempt, failure);
  const onError = plan.onError;
  const fallback =
    typeof onError === 'object' && onError !== null && typeof onError.fallback === 'string'
      ? onError.fallback
      : undefined;
  if (onError !== 'continue' && fallback === undefined)
    throw toNodeError(error, cursor.frame.workflow.id, node.id);
  const output = { error: failure };
  cursor.frame.nodes[node.id] = output;
  const next = fallback ?? chooseNext(plan, output, cursor.expressionScope, state.expressionLimits, node.id);
  return { output, next, ended: false };
}
