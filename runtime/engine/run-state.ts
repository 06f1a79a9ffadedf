/** The state shared by one run's executor functions: the run, each workflow frame, and each chain's cursor. */
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import type { Workflow, WorkflowNode } from '../workflow/types.ts';
import type { CircuitBreakers } from './circuit-breaker.ts';
import type { ExpressionScope } from './expression/evaluator.ts';
import type { ExpressionLimits } from './expression/limits.ts';
import type { Trace } from './trace.ts';
import type { RunOptions } from './types.ts';

/** One run: options, trace, limits and per-run caches. */
export interface RunState {
  runId: string;
  tenantId: string;
  options: RunOptions;
  trace: Trace;
  /** Aborts when the run is cancelled. */
  signal: AbortSignal;
  expressionLimits: ExpressionLimits;
  maxOutputBytes: number;
  maxSubworkflowDepth: number;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  breakers: CircuitBreakers;
  /** Resolves a `uses:` string once per run and records the exact version. */
  resolve(uses: string): Promise<ResolvedPlugin>;
  /** Loads a sub-workflow once per run. */
  loadWorkflow(ref: string, from: Workflow): Promise<Workflow>;
  /** Node executions so far, to stop a workflow that cycles forever. */
  executions: number;
}

/** One workflow invocation: the run itself, or one sub-workflow call. */
export interface Frame {
  workflow: Workflow;
  nodesById: ReadonlyMap<string, WorkflowNode>;
  inputs: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** Outputs by node id, as expressions read them (`nodes.<id>`). */
  nodes: Record<string, unknown>;
  /** 0 for the run's workflow, +1 per sub-workflow call. */
  depth: number;
  /** Prefix of RunRecord.nodes keys: '' for the run's workflow, `child/` inside a sub-workflow. */
  recordPrefix: string;
  /** Which calls led here (`''` at top level): two calls of one sub-workflow get different idempotency keys. */
  callPath: string;
}

/** Where a chain of nodes runs: its frame, its place in loops/branches, and its cancellation signal. */
export interface Cursor {
  frame: Frame;
  /** Trace scope, e.g. `each[2]`, `fan[search]`, `child-workflow/each[0]`; undefined at top level. */
  scope: string | undefined;
  signal: AbortSignal;
  expressionScope: ExpressionScope;
}

/** What one node did and where the chain goes next. */
export interface StepResult {
  output: unknown;
  next: string | undefined;
  /** A core/end was reached: stop the chain and its frame. */
  ended: boolean;
}

/** Joins trace scopes with '/'. */
export function childScope(parent: string | undefined, part: string): string {
  return parent === undefined ? part : `${parent}/${part}`;
}

/** The workflow's nodes by id (first wins on duplicates; validation reports those). Built per frame, so edits between runs count. */
export function nodesById(workflow: Workflow): ReadonlyMap<string, WorkflowNode> {
  const map = new Map<string, WorkflowNode>();
  for (const node of workflow.nodes) if (!map.has(node.id)) map.set(node.id, node);
  return map;
}
