/** A NodeContext for plugin tests: ids, a log that records, and whatever capabilities the test grants. */
import type { NodeContext } from '../../registry/sdk/plugin.ts';

/** The context plus the log lines the plugin wrote. */
export function testContext(
  capabilities: Partial<NodeContext> = {},
): NodeContext & { logs: Array<{ message: string; data?: unknown }> } {
  const logs: Array<{ message: string; data?: unknown }> = [];
  return {
    runId: 'run_1',
    nodeId: 'node_1',
    tenantId: 'tenant_1',
    idempotencyKey: 'run_1:node_1',
    attempt: 1,
    signal: new AbortController().signal,
    log: (message, data) => logs.push({ message, data }),
    logs,
    ...capabilities,
  };
}
