/** What a control construct (start, end, set, loop, parallel, workflow) gets when the engine runs it. */
import type { WorkflowNode } from '../../workflow/types.ts';
import type { InvokeResult } from '../invoke-node.ts';
import type { NodePlan } from '../node-plan.ts';
import type { Cursor, RunState } from '../run-state.ts';

/** One call of a control node. `signal` is the attempt's signal (it carries the node's timeout). */
export interface ControlCall {
  state: RunState;
  cursor: Cursor;
  node: WorkflowNode;
  plan: NodePlan;
  input: Record<string, unknown>;
  signal: AbortSignal;
  previous: unknown;
}

/** What a control construct returns. */
export type ControlResult = InvokeResult;
