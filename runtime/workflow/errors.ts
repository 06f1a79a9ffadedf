/**
 * The error tree. Every error has a stable `code`. Three families:
 * - UserError: bad input; HTTP 4xx; shown to the user; never reported.
 * - OperationalError: a dependency failed; retryable.
 * - anything else: a bug; HTTP 500; reported.
 * Browser-safe: the studio shows the same messages.
 */
export class FlowError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Bad input from a user or client. `status` is the HTTP status the host answers with. */
export class UserError extends FlowError {
  readonly status: number;
  constructor(code: string, message: string, details: Record<string, unknown> = {}, status = 400) {
    super(code, message, details);
    this.status = status;
  }
}

/** A dependency failed (network, database, provider); the caller may retry. */
export class OperationalError extends FlowError {
  readonly retryable = true;
}

/** Something the user asked for does not exist (or is not theirs: same answer, no data). */
export class NotFoundError extends UserError {
  constructor(what: string, id: string) {
    super('not-found', `${what} '${id}' not found`, { what, id }, 404);
  }
}

/** The caller is not allowed to do this. */
export class ForbiddenError extends UserError {
  constructor(message = 'forbidden') {
    super('forbidden', message, {}, 403);
  }
}

/** The caller is not signed in, or the credential is invalid. */
export class UnauthorizedError extends UserError {
  constructor(message = 'sign in required') {
    super('unauthorized', message, {}, 401);
  }
}

/** A node failed while running; carries the workflow and node for the trace. */
export class NodeError extends FlowError {
  constructor(
    code: string,
    message: string,
    details: { workflowId?: string; nodeId: string; [k: string]: unknown },
    options?: ErrorOptions,
  ) {
    super(code, message, details, options);
  }
}

/** A node ran past its timeout. */
export class TimeoutError extends NodeError {
  constructor(nodeId: string, ms: number) {
    super('timeout', `timed out after ${ms} ms`, { nodeId, ms });
  }
}

/** The run (or node) was cancelled. */
export class CancelledError extends FlowError {
  constructor(message = 'cancelled') {
    super('cancelled', message);
  }
}
