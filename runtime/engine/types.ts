/**
 * The engine's public contract: start a run, stream its trace events, get its record.
 * The engine knows no Koa and no database; the host adapts these to HTTP, sockets and tables.
 */
import type { NodeContext, PluginResolver } from '../../registry/sdk/plugin.ts';
import type { Workflow } from '../workflow/types.ts';

/** Run status over its life. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** Trace event types, in the order a user sees them. */
export type TraceEventType =
  | 'run.started'
  | 'run.completed'
  | 'run.failed'
  | 'run.cancelled'
  | 'node.started'
  | 'node.completed'
  | 'node.failed'
  | 'node.retrying'
  | 'node.skipped'
  | 'node.log';

/** One trace event. `nodeId` is absent for run events; `scope` names loop iterations/branches ("loop[2]"). */
export interface TraceEvent {
  type: TraceEventType;
  runId: string;
  seq: number;
  at: number; // epoch ms
  workflowId: string;
  nodeId?: string;
  scope?: string;
  uses?: string;
  input?: unknown; // node.started: the evaluated `with:`; run.started: the run input
  output?: unknown;
  error?: { code: string; message: string };
  attempt?: number;
  durationMs?: number;
  costUsd?: number;
  tokens?: { prompt: number; completion: number };
  message?: string; // node.log
  data?: unknown; // node.log
}

/** What one node did in a run (the last execution when it ran several times, e.g. in a loop). */
export interface NodeRecord {
  nodeId: string;
  uses: string;
  status: 'completed' | 'failed' | 'skipped';
  input?: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  attempts: number;
  durationMs: number;
  executions: number;
}

/** The exact plugin versions a run used. */
export interface UsedPlugin {
  id: string;
  version: string;
  sha256: string;
}

/** The record of a finished run. */
export interface RunRecord {
  runId: string;
  workflowId: string;
  status: RunStatus;
  input: unknown;
  output?: unknown;
  error?: { code: string; message: string; nodeId?: string };
  startedAt: number;
  finishedAt: number;
  nodes: Record<string, NodeRecord>;
  events: TraceEvent[];
  plugins: Record<string, UsedPlugin>; // keyed by the `uses:` string
}

/** Capabilities the host (or CLI) grants to nodes, per node call. */
export type CapabilityFactory = (info: {
  runId: string;
  nodeId: string;
  tenantId: string;
  uses: string;
  workflow: Workflow;
}) => Partial<Pick<NodeContext, 'fetch' | 'secrets' | 'kv' | 'data' | 'assets' | 'llm' | 'email'>>;

/** Options for one run. */
export interface RunOptions {
  resolvePlugin: PluginResolver;
  /** Loads a sub-workflow by id (or relative path) as seen from the calling workflow. */
  loadWorkflow: (ref: string, from: Workflow) => Promise<Workflow>;
  capabilities?: CapabilityFactory;
  runId?: string;
  tenantId?: string;
  signal?: AbortSignal;
  /** Limits on expressions: steps per evaluation and result size. */
  limits?: {
    expressionSteps?: number;
    expressionDepth?: number;
    maxOutputBytes?: number;
    maxSubworkflowDepth?: number;
  };
  /** Injected for tests: a random source (jitter) and a sleep. */
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Shared across runs so a breaker opened by one run protects the next. */
  circuitBreakers?: unknown;
}

/** A run in progress. */
export interface RunHandle {
  runId: string;
  /** Every trace event as it happens; ends after the run's final event. Can be iterated once. */
  events: AsyncIterable<TraceEvent>;
  /** Settles when the run ends: never rejects; a failed run resolves with status 'failed'. */
  result: Promise<RunRecord>;
  cancel(reason?: string): void;
}
