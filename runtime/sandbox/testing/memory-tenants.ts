/**
 * In-memory tenant services for tests and benchmarks: per-tenant kv stores and secrets, and a
 * NodeContext builder whose capabilities are scoped to one tenant, the way a host's
 * CapabilityFactory scopes them.
 */
import type { NodeContext } from '../../../registry/sdk/plugin.ts';

/** One log line a node wrote. */
export interface LoggedLine {
  tenantId: string;
  message: string;
  data?: unknown;
}

/** Tenants with their own kv data and secrets. */
export class MemoryTenants {
  readonly kv = new Map<string, Map<string, unknown>>();
  readonly secrets = new Map<string, Record<string, string>>();
  readonly logs: LoggedLine[] = [];
  private runs = 0;

  /** A context for one node call of `tenantId`; `extra` adds or overrides capabilities. */
  context(tenantId: string, extra: Partial<NodeContext> = {}): NodeContext {
    const run = ++this.runs;
    const store = this.kv.get(tenantId) ?? new Map<string, unknown>();
    this.kv.set(tenantId, store);
    const secrets = this.secrets.get(tenantId) ?? {};
    return {
      runId: `run-${run}`,
      nodeId: 'node',
      tenantId,
      idempotencyKey: `run-${run}:node`,
      attempt: 1,
      signal: new AbortController().signal,
      log: (message, data) =>
        this.logs.push(data === undefined ? { tenantId, message } : { tenantId, message, data }),
      kv: {
        get: async (key) => store.get(key),
        set: async (key, value) => void store.set(key, value),
        delete: async (key) => void store.delete(key),
      },
      secrets: { get: async (name) => secrets[name] },
      ...extra,
    };
  }
}
