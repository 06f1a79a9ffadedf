/** Walks a chain of nodes (`next:` after `next:`) and runs whole workflow frames. */
import { UserError } from '../workflow/errors.ts';
import { executeNode } from './execute-node.ts';
import { toCancelled } from './failure.ts';
import type { Cursor, Frame, RunState } from './run-state.ts';

/** How a chain ended: its last node's output, and whether a core/end stopped it. */
export interface ChainResult {
  output: unknown;
  ended: boolean;
}

/** Runs nodes from `startId` until a node has no next (or no edge matched) or a core/end is reached. */
export async function walkChain(state: RunState, cursor: Cursor, startId: string): Promise<ChainResult> {
  const { nodesById, workflow } = cursor.frame;
  let id: string | undefined = startId;
  let from: string | undefined;
  let output: unknown;
  while (id !== undefined) {
    if (cursor.signal.aborted) throw toCancelled(cursor.signal.reason);
    const node = nodesById.get(id);
    if (!node) {
      const where = from === undefined ? 'the chain starts at' : `node '${from}' goes to`;
      throw new UserError(
        'unknown-node',
        `workflow '${workflow.id}': ${where} '${id}', which is not a node of this workflow`,
        { workflowId: workflow.id, nodeId: from },
      );
    }
    const step = await executeNode(state, cursor, node, output);
    output = step.output;
    if (step.ended) return { output, ended: true };
    from = id;
    id = step.next;
  }
  return { output, ended: false };
}

/** Runs a workflow frame from its start node; its output is core/end's output, else the last node's. */
export async function runFrame(
  state: RunState,
  frame: Frame,
  scope: string | undefined,
  signal: AbortSignal,
): Promise<unknown> {
  const start = frame.workflow.start ?? frame.workflow.nodes[0]?.id;
  if (start === undefined) return undefined;
  const expressionScope = {
    inputs: frame.inputs,
    vars: frame.vars,
    nodes: frame.nodes,
    run: { id: state.runId, workflowId: frame.workflow.id },
    item: undefined,
    index: undefined,
  };
  const result = await walkChain(state, { frame, scope, signal, expressionScope }, start);
  return result.output;
}
