/** core/loop: runs the body chain per list item (`forEach`) or while a condition holds (`while` + `max`). */
import { NodeError, UserError } from '../../workflow/errors.ts';
import { isTruthy, typeName } from '../expression/values.ts';
import { childScope } from '../run-state.ts';
import { walkChain } from '../walk-chain.ts';
import type { ControlCall, ControlResult } from './control-call.ts';

/** A forEach over more items than this needs an explicit `max`. */
const DEFAULT_FOR_EACH_MAX = 1000;

function readMax(call: ControlCall): number | undefined {
  const max = call.input.max;
  if (max === undefined || max === null) return undefined;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    throw new UserError(
      'invalid-config',
      `loop '${call.node.id}': with.max must be a whole number of at least 1, got ${JSON.stringify(max)}`,
    );
  }
  return max;
}

/** Runs the loop and returns `{ items: [body output per round], count }`. */
export async function runLoop(call: ControlCall): Promise<ControlResult> {
  const { state, cursor, node, plan, input, signal } = call;
  const body = node.body;
  if (!body)
    throw new UserError('invalid-config', `loop '${node.id}' needs body: the id of the first node to repeat`);
  const max = readMax(call);
  const items: unknown[] = [];
  const round = async (index: number, item: unknown) => {
    const expressionScope = { ...cursor.expressionScope, item, index };
    return walkChain(
      state,
      {
        frame: cursor.frame,
        scope: childScope(cursor.scope, `${node.id}[${index}]`),
        signal,
        expressionScope,
      },
      body,
    );
  };

  if (plan.whileCondition) {
    if (max === undefined)
      throw new UserError(
        'invalid-config',
        `loop '${node.id}': with.max is required with with.while, so the loop cannot run forever`,
      );
    if (input.forEach !== undefined)
      throw new UserError(
        'invalid-config',
        `loop '${node.id}': use either with.forEach or with.while, not both`,
      );
    for (let index = 0; ; index++) {
      const test = plan.whileCondition(
        { ...cursor.expressionScope, index, item: undefined },
        state.expressionLimits,
      );
      if (!isTruthy(test)) break;
      if (index >= max) {
        throw new NodeError(
          'loop-limit',
          `loop '${node.id}': the while condition still held after max ${max} rounds`,
          { nodeId: node.id, max },
        );
      }
      const result = await round(index, undefined);
      if (result.ended) return result;
      items.push(result.output);
    }
    return { output: { items, count: items.length }, ended: false };
  }

  const list = input.forEach;
  if (!Array.isArray(list)) {
    const got = list === undefined ? 'nothing' : typeName(list);
    throw new UserError(
      'invalid-config',
      `loop '${node.id}': with.forEach must be a list (or use with.while), got ${got}`,
    );
  }
  const limit = max ?? DEFAULT_FOR_EACH_MAX;
  if (list.length > limit) {
    throw new NodeError(
      'loop-limit',
      `loop '${node.id}' has ${list.length} items, more than max ${limit} (raise with.max to allow it)`,
      { nodeId: node.id, max: limit },
    );
  }
  for (let index = 0; index < list.length; index++) {
    const result = await round(index, list[index]);
    if (result.ended) return result;
    items.push(result.output);
  }
  return { output: { items, count: items.length }, ended: false };
}
