/**
 * The learning state the bandit routers share: per context bucket, per arm, running sums of what
 * the outcomes said. Plain JSON so the host can store it per tenant and hand it back unchanged.
 */

import type { RouteOutcome, RouterState } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** What one arm has shown so far in one bucket. `reward` is the sum of per-call rewards in 0..1. */
export interface ArmStats {
  calls: number;
  successes: number;
  reward: number;
  costUsd: number;
  latencyMs: number;
}

/** The bandit state: `buckets['*']` holds every outcome; named buckets only those with matching features. */
export interface BanditState {
  version: 1;
  buckets: Record<string, Record<string, ArmStats>>;
}

/** The bucket every outcome lands in, whatever its features. */
export const ALL = '*';

/** Reads a stored state, or a fresh one for `{}`; throws when it is not a bandit state. */
export function readBanditState(pluginId: string, state: RouterState): BanditState {
  if (state === null || typeof state !== 'object' || Object.keys(state).length === 0)
    return { version: 1, buckets: {} };
  const buckets = (state as { buckets?: unknown }).buckets;
  if (state.version !== 1 || buckets === null || typeof buckets !== 'object') {
    throw new UserError(
      'invalid-router-state',
      `${pluginId}: stored state is not a version 1 bandit state; reset it`,
    );
  }
  return state as unknown as BanditState;
}

/** The stats of `arm` in `bucket`, zeros when it has not been tried there. */
export function statsOf(state: BanditState, bucket: string, arm: string): ArmStats {
  return state.buckets[bucket]?.[arm] ?? { calls: 0, successes: 0, reward: 0, costUsd: 0, latencyMs: 0 };
}

/** Returns a new state with one outcome added to each of `buckets` (the input state is not touched). */
export function recordOutcome(
  state: BanditState,
  buckets: string[],
  outcome: RouteOutcome,
  reward: number,
): BanditState {
  const next: BanditState = { version: 1, buckets: { ...state.buckets } };
  for (const bucket of new Set(buckets)) {
    const arms = { ...(next.buckets[bucket] ?? {}) };
    const old = statsOf(state, bucket, outcome.arm);
    arms[outcome.arm] = {
      calls: old.calls + 1,
      successes: old.successes + (outcome.success ? 1 : 0),
      reward: round(old.reward + reward),
      costUsd: round(old.costUsd + (outcome.costUsd ?? 0)),
      latencyMs: round(old.latencyMs + (outcome.latencyMs ?? 0)),
    };
    next.buckets[bucket] = arms;
  }
  return next;
}

// Rounding keeps stored sums short and JSON round-trips exact.
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** "12 calls, 83% success, mean reward 0.79" for explanations. */
export function describeStats(stats: ArmStats): string {
  if (stats.calls === 0) return 'no calls yet';
  const rate = Math.round((100 * stats.successes) / stats.calls);
  return `${stats.calls} call${stats.calls === 1 ? '' : 's'}, ${rate}% success, mean reward ${(stats.reward / stats.calls).toFixed(2)}`;
}
