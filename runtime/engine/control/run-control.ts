/** Dispatches a control node to the construct the engine interprets. */
import type { ControlKind } from '../../../registry/sdk/plugin.ts';
import { UserError } from '../../workflow/errors.ts';
import { FORBIDDEN_PROPERTIES } from '../expression/ast.ts';
import { isRecord, typeName } from '../expression/values.ts';
import type { ControlCall, ControlResult } from './control-call.ts';
import { runLoop } from './loop.ts';
import { runParallel } from './parallel.ts';
import { runSubworkflow } from './subworkflow.ts';

/** Runs a control node: start passes inputs, end finishes, set stores vars; loop/parallel/workflow run chains. */
export async function runControl(kind: ControlKind, call: ControlCall): Promise<ControlResult> {
  const { cursor, input, node } = call;
  switch (kind) {
    case 'start':
      return { output: cursor.frame.inputs, ended: false };
    case 'end':
      return { output: Object.hasOwn(input, 'output') ? input.output : call.previous, ended: true };
    case 'set': {
      const values = input.values;
      if (!isRecord(values)) {
        throw new UserError(
          'invalid-config',
          `node '${node.id}': with.values must be an object of names and values, got ${typeName(values)}`,
        );
      }
      for (const name of Object.keys(values)) {
        // Object.assign would treat `__proto__` as the prototype, not as a variable name.
        if (FORBIDDEN_PROPERTIES.has(name))
          throw new UserError('invalid-config', `node '${node.id}': '${name}' cannot be a variable name`);
      }
      Object.assign(cursor.frame.vars, values);
      return { output: values, ended: false };
    }
    case 'loop':
      return runLoop(call);
    case 'parallel':
      return runParallel(call);
    case 'workflow':
      return runSubworkflow(call);
    default:
      throw new UserError(
        'invalid-config',
        `node '${node.id}' uses an unknown control construct '${String(kind)}'`,
      );
  }
}
