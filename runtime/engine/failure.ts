/** How node errors are described in the trace, which ones are retried, and how they leave a node. */
import { CancelledError, FlowError, NodeError, UserError } from '../workflow/errors.ts';

/** The `{ code, message }` a trace event and `onError: continue` output carry. */
export interface Failure {
  code: string;
  message: string;
}

/** Describes any thrown value; plain errors get the code `node-failed`. */
export function toFailure(error: unknown): Failure {
  if (error instanceof FlowError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'node-failed', message: error.message || error.name };
  return { code: 'node-failed', message: String(error) };
}

const NOT_RETRIED = new Set(['cancelled', 'circuit-open', 'output-too-large']);

/** Retrying helps with flaky dependencies and timeouts, not with bad input or an open circuit. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof UserError) return false;
  return !(error instanceof FlowError && NOT_RETRIED.has(error.code));
}

/** The cancellation error for an aborted signal, whatever its reason was. */
export function toCancelled(reason: unknown): CancelledError {
  if (reason instanceof CancelledError) return reason;
  return new CancelledError(reason instanceof Error ? reason.message : 'cancelled');
}

/** The error a failing node raises: errors from nodes nested in a loop or sub-workflow keep their innermost node. */
export function toNodeError(error: unknown, workflowId: string, nodeId: string): NodeError {
  if (
    error instanceof NodeError &&
    typeof error.details.nodeId === 'string' &&
    error.details.workflowId !== undefined
  )
    return error;
  const { code, message } = toFailure(error);
  return new NodeError(code, message, { workflowId, nodeId }, { cause: error });
}
