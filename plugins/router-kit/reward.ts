/**
 * Turns one outcome into a reward in 0..1: quality (judge score, or 1 for a success without a
 * score, 0 for a failure) minus optional penalties for cost and latency, so a tenant can tell a
 * router that a cheaper or faster answer of equal quality is worth more.
 */

import type { RouteOutcome } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** Penalty weights: reward drops by `costWeight` per USD and by `latencyWeight` per second. */
export interface RewardWeights {
  costWeight?: number;
  latencyWeight?: number;
}

/** The quality an outcome showed, before penalties. */
export function qualityOf(outcome: RouteOutcome): number {
  if (!outcome.success) return 0;
  return outcome.score ?? 1;
}

/** The reward in 0..1 for one outcome. */
export function rewardOf(outcome: RouteOutcome, weights: RewardWeights = {}): number {
  const penalty =
    (weights.costWeight ?? 0) * (outcome.costUsd ?? 0) +
    ((weights.latencyWeight ?? 0) * (outcome.latencyMs ?? 0)) / 1000;
  return Math.min(1, Math.max(0, qualityOf(outcome) - penalty));
}

/** Rejects an outcome a router cannot learn from, naming the field. */
export function checkOutcome(pluginId: string, outcome: RouteOutcome): void {
  if (!outcome || typeof outcome.arm !== 'string' || outcome.arm === '') {
    throw new UserError('invalid-outcome', `${pluginId}: outcome.arm must name the arm that was called`);
  }
  if (typeof outcome.success !== 'boolean') {
    throw new UserError('invalid-outcome', `${pluginId}: outcome.success must be true or false`);
  }
  if (
    outcome.score !== undefined &&
    !(typeof outcome.score === 'number' && outcome.score >= 0 && outcome.score <= 1)
  ) {
    throw new UserError(
      'invalid-outcome',
      `${pluginId}: outcome.score must be a number from 0 to 1, got ${String(outcome.score)}`,
    );
  }
  for (const field of ['costUsd', 'latencyMs'] as const) {
    const value = outcome[field];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new UserError(
        'invalid-outcome',
        `${pluginId}: outcome.${field} must be a non-negative number, got ${String(value)}`,
      );
    }
  }
}
