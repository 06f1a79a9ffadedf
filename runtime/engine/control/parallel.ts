/**
 * core/parallel: runs each branch chain at the same time. `join: all` waits for every branch (the
 * first failure cancels the rest); `join: first` takes the first branch to finish and cancels the rest.
 */
import { CancelledError, UserError } from '../../workflow/errors.ts';
import { linkedController } from '../abort.ts';
import { childScope } from '../run-state.ts';
import { type ChainResult, walkChain } from '../walk-chain.ts';
import type { ControlCall, ControlResult } from './control-call.ts';

/** Runs the branches and returns their outputs keyed by each branch's first node id. */
export async function runParallel(call: ControlCall): Promise<ControlResult> {
  const { state, cursor, node, input, signal } = call;
  const branches = node.branches ?? [];
  if (branches.length === 0)
    throw new UserError(
      'invalid-config',
      `parallel '${node.id}' needs branches: the ids of the first node of each branch`,
    );
  const join = input.join ?? 'all';
  if (join !== 'all' && join !== 'first') {
    throw new UserError(
      'invalid-config',
      `parallel '${node.id}': with.join must be 'all' or 'first', got ${JSON.stringify(join)}`,
    );
  }
  const links = branches.map(() => linkedController(signal));
  const cancelOthers = (except: number, why: string) => {
    links.forEach((link, k) => {
      if (k !== except) link.controller.abort(new CancelledError(why));
    });
  };
  const runs = branches.map((start, k) =>
    walkChain(
      state,
      {
        ...cursor,
        scope: childScope(cursor.scope, `${node.id}[${start}]`),
        signal: links[k]!.controller.signal,
      },
      start,
    ),
  );
  try {
    if (join === 'first') {
      let winner = -1;
      const result = await Promise.any(
        runs.map((run, k) =>
          run.then((r) => {
            if (winner < 0) {
              winner = k;
              cancelOthers(k, `parallel '${node.id}': branch '${branches[k]}' finished first`);
            }
            return r;
          }),
        ),
      ).catch((error: AggregateError) => {
        throw error.errors.find((e) => !(e instanceof CancelledError)) ?? error.errors[0];
      });
      await Promise.allSettled(runs);
      if (result.ended) return result;
      return { output: { [branches[winner]!]: result.output }, ended: false };
    }
    const results: ChainResult[] = await Promise.all(
      runs.map((run, k) =>
        run.catch((error: unknown) => {
          cancelOthers(k, `parallel '${node.id}': branch '${branches[k]}' failed`);
          throw error;
        }),
      ),
    ).catch(async (error: unknown) => {
      await Promise.allSettled(runs);
      throw error;
    });
    const ended = results.find((r) => r.ended);
    if (ended) return ended;
    const output: Record<string, unknown> = {};
    results.forEach((r, k) => {
      output[branches[k]!] = r.output;
    });
    return { output, ended: false };
  } finally {
    for (const link of links) link.unlink();
  }
}
