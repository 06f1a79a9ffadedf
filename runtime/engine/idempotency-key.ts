/** The idempotency key a side-effecting node passes to outside APIs: stable for a run, node and loop scope. */
import { createHash } from 'node:crypto';

/** sha256 of run id, node id and scope: the same on every retry and every resume of that step. */
export function idempotencyKey(runId: string, nodeId: string, scope: string | undefined): string {
  return createHash('sha256')
    .update(`${runId}\u0000${nodeId}\u0000${scope ?? ''}`)
    .digest('hex');
}
