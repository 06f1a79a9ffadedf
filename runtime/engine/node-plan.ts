/**
 * What the engine precomputes per workflow node, once: compiled `with:` templates, parsed `next:`
 * conditions, durations in milliseconds. Cached by node object, so a hot loop never re-parses.
 */

import { parseDuration } from '../workflow/duration.ts';
import { UserError } from '../workflow/errors.ts';
import type { OnError, WorkflowNode } from '../workflow/types.ts';
import type { BreakerPolicy } from './circuit-breaker.ts';
import { type ExpressionScope, evaluateParsed } from './expression/evaluator.ts';
import type { ExpressionLimits } from './expression/limits.ts';
import { parseExpression } from './expression/parser.ts';
import { type CompiledTemplate, compileTemplate } from './expression/template.ts';
import { parseTemplate } from './expression/template-parts.ts';
import { type RetrySchedule, toRetrySchedule } from './retry-delay.ts';

/** A yes/no test: `{{ expr }}`, a bare expression, or a constant. */
export type Condition = (scope: ExpressionScope, limits: ExpressionLimits) => unknown;

/** One outgoing edge, ready to test. */
export interface PlannedEdge {
  to: string;
  when?: Condition;
  on?: string;
  isDefault: boolean;
}

/** A node prepared for execution. */
export interface NodePlan {
  with: CompiledTemplate;
  edges: PlannedEdge[];
  /** Where a disabled node passes through to: its single next, its default, or its first edge. */
  passThrough: string | undefined;
  timeoutMs: number | undefined;
  retry: RetrySchedule | undefined;
  breaker: BreakerPolicy | undefined;
  onError: OnError;
  /** core/loop: the `with.while` condition, evaluated before each round (not with the rest of `with`). */
  whileCondition: Condition | undefined;
}

/** Compiles a condition; text without `{{ }}` is read as a bare expression so `when: output.ok` works. */
export function compileCondition(value: unknown): Condition {
  if (typeof value !== 'string') return () => value;
  const template = parseTemplate(value);
  if (!template) {
    const parsed = parseExpression(value);
    return (scope, limits) => evaluateParsed(parsed, scope, limits);
  }
  const compiled = compileTemplate(value);
  return (scope, limits) => compiled.evaluate(scope, limits);
}

function planEdges(node: WorkflowNode): PlannedEdge[] {
  const next = node.next;
  if (next === undefined) return [];
  if (typeof next === 'string') return [{ to: next, isDefault: true }];
  return next.map((edge) => {
    if ('default' in edge) return { to: edge.default, isDefault: true };
    if (typeof edge.to !== 'string')
      throw new UserError('invalid-workflow', `node '${node.id}' has a next: branch without 'to'`);
    return {
      to: edge.to,
      when: edge.when === undefined ? undefined : compileCondition(edge.when),
      on: edge.on === undefined ? undefined : String(edge.on),
      isDefault: false,
    };
  });
}

function planNode(node: WorkflowNode): NodePlan {
  const edges = planEdges(node);
  // Only core/loop reads `while` lazily; any other plugin gets it evaluated like the rest of `with`.
  const isLoop =
    node.uses.split('@')[0] === 'core/loop' && node.with !== undefined && Object.hasOwn(node.with, 'while');
  let config: Record<string, unknown> = node.with ?? {};
  let whileCondition: Condition | undefined;
  if (isLoop) {
    const { while: condition, ...rest } = config;
    config = rest;
    whileCondition = compileCondition(condition);
  }
  return {
    // Parts of `with:` without expressions reach the plugin by reference (no per-call copy): plugins treat config as read-only.
    with: compileTemplate(config),
    edges,
    passThrough: (edges.find((e) => e.isDefault) ?? edges[0])?.to,
    timeoutMs:
      node.timeout === undefined ? undefined : parseDuration(node.timeout, `node '${node.id}' timeout`),
    retry: node.retry ? toRetrySchedule(node.retry, node.id) : undefined,
    breaker: node.circuitBreaker
      ? {
          failures: Math.max(1, node.circuitBreaker.failures),
          resetAfterMs: parseDuration(
            node.circuitBreaker.resetAfter ?? 30_000,
            `node '${node.id}' circuitBreaker.resetAfter`,
          ),
        }
      : undefined,
    onError: node.onError ?? 'fail',
    whileCondition,
  };
}

const plans = new WeakMap<WorkflowNode, NodePlan>();

/**
 * The plan for a node, compiled on first use. Node objects are treated as immutable once run (editors
 * produce new objects, as with React state); a changed node is a new object and gets a new plan.
 */
export function planFor(node: WorkflowNode): NodePlan {
  let plan = plans.get(node);
  if (!plan) {
    plan = planNode(node);
    plans.set(node, plan);
  }
  return plan;
}
