/** core/workflow: runs another workflow as one node, in the same run and trace. */
import { NodeError, UserError } from '../../workflow/errors.ts';
import { applyInputs } from '../apply-inputs.ts';
import { isRecord, typeName } from '../expression/values.ts';
import { childScope, type Frame, nodesById } from '../run-state.ts';
import { runFrame } from '../walk-chain.ts';
import type { ControlCall, ControlResult } from './control-call.ts';

/** Loads the sub-workflow, runs it with `with.input`, and returns its output. */
export async function runSubworkflow(call: ControlCall): Promise<ControlResult> {
  const { state, cursor, node, input, signal } = call;
  const { frame } = cursor;
  const ref = input.workflow;
  if (typeof ref !== 'string' || ref === '') {
    throw new UserError(
      'invalid-config',
      `node '${node.id}': with.workflow must name the workflow to run (an id or a relative path)`,
    );
  }
  if (input.input !== undefined && !isRecord(input.input)) {
    throw new UserError(
      'invalid-config',
      `node '${node.id}': with.input must be an object of named inputs, got ${typeName(input.input)}`,
    );
  }
  if (frame.depth + 1 > state.maxSubworkflowDepth) {
    throw new NodeError(
      'subworkflow-depth',
      `node '${node.id}': sub-workflows nest deeper than ${state.maxSubworkflowDepth} levels calling '${ref}' (does a workflow call itself?)`,
      { nodeId: node.id, depth: frame.depth + 1 },
    );
  }
  const workflow = await state.loadWorkflow(ref, frame.workflow);
  const scope = childScope(cursor.scope, workflow.id);
  const child: Frame = {
    workflow,
    nodesById: nodesById(workflow),
    inputs: applyInputs(workflow, input.input),
    vars: {},
    nodes: {},
    depth: frame.depth + 1,
    recordPrefix: `${frame.recordPrefix}${workflow.id}/`,
    callPath: `${frame.callPath}${cursor.scope ?? ''}>${node.id}>`,
  };
  return { output: await runFrame(state, child, scope, signal), ended: false };
}
