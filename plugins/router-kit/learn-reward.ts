/** What every bandit router's `learn` does with one outcome. */
import type { RouteOutcome, RouterState } from '../../registry/sdk/plugin.ts';
import { ALL, readBanditState, recordOutcome } from './arm-stats.ts';
import { checkOutcome } from './reward.ts';

/**
 * Checks the outcome, then adds `reward(outcome)` to the overall bucket and to the buckets
 * `bucketsOf(outcome)` names. Both run only after the check, so they may trust the outcome.
 */
export function learnReward(
  pluginId: string,
  state: RouterState,
  outcome: RouteOutcome,
  reward: (outcome: RouteOutcome) => number,
  bucketsOf: (outcome: RouteOutcome) => string[] = () => [],
): RouterState {
  checkOutcome(pluginId, outcome);
  const buckets = [ALL, ...bucketsOf(outcome)];
  return { ...recordOutcome(readBanditState(pluginId, state), buckets, outcome, reward(outcome)) };
}
