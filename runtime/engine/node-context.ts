/** Builds the NodeContext a plugin receives: ids, signal, log into the trace, and granted capabilities. */
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import type { WorkflowNode } from '../workflow/types.ts';
import { idempotencyKey } from './idempotency-key.ts';
import type { Cursor, RunState } from './run-state.ts';

/** The context for one attempt of one node. The idempotency key is computed only if the plugin reads it. */
export function createNodeContext(
  state: RunState,
  cursor: Cursor,
  node: WorkflowNode,
  attempt: number,
  signal: AbortSignal,
): NodeContext {
  const { runId, tenantId, trace } = state;
  const { frame, scope } = cursor;
  let key: string | undefined;
  const ctx: NodeContext = {
    runId,
    nodeId: node.id,
    tenantId,
    attempt,
    signal,
    get idempotencyKey() {
      key ??= idempotencyKey(runId, node.id, frame.callPath + (scope ?? ''));
      return key;
    },
    log: (message, data) => {
      trace.emit({
        type: 'node.log',
        workflowId: frame.workflow.id,
        nodeId: node.id,
        scope,
        uses: node.uses,
        message: String(message),
        data,
      });
    },
  };
  const granted = state.options.capabilities?.({
    runId,
    nodeId: node.id,
    tenantId,
    uses: node.uses,
    workflow: frame.workflow,
  });
  return granted ? Object.assign(ctx, granted) : ctx;
}
