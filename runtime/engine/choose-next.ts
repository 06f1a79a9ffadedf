/** Picks the edge a node leaves by: ordered branches, first match wins, then the default. */
import { NodeError } from '../workflow/errors.ts';
import type { ExpressionScope } from './expression/evaluator.ts';
import type { ExpressionLimits } from './expression/limits.ts';
import { isRecord, isTruthy } from './expression/values.ts';
import { toFailure } from './failure.ts';
import type { NodePlan } from './node-plan.ts';

/**
 * The id of the next node, or undefined at the end of a chain (no edge matched and no default).
 * `when` sees the node's output as `output`; `on: x` matches when `output.branch` is x.
 */
export function chooseNext(
  plan: NodePlan,
  output: unknown,
  scope: ExpressionScope,
  limits: ExpressionLimits,
  nodeId: string,
): string | undefined {
  const edges = plan.edges;
  if (edges.length === 0) return undefined;
  if (edges.length === 1 && edges[0]!.isDefault) return edges[0]!.to;
  const branch =
    isRecord(output) && output.branch !== undefined && output.branch !== null
      ? String(output.branch)
      : undefined;
  let withOutput: ExpressionScope | undefined;
  for (const edge of edges) {
    if (edge.isDefault) return edge.to;
    if (edge.on !== undefined && edge.on !== branch) continue;
    if (edge.when) {
      withOutput ??= { ...scope, output };
      let value: unknown;
      try {
        value = edge.when(withOutput, limits);
      } catch (error) {
        const { code, message } = toFailure(error);
        throw new NodeError(
          code,
          `node '${nodeId}', branch to '${edge.to}': ${message}`,
          { nodeId },
          { cause: error },
        );
      }
      if (!isTruthy(value)) continue;
    }
    return edge.to;
  }
  return undefined;
}
