/** The fallback chain's learning state: failure streaks and cool-downs per model. */

import type { RouterState } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** Per-model health. `demotedUntil` is a value of `ChainState.calls`. */
export interface ChainArm {
  calls: number;
  failures: number;
  failStreak: number;
  demotedUntil: number;
}

/** The stored state; `calls` counts learned outcomes and is the clock cool-downs run on. */
export interface ChainState {
  version: 1;
  calls: number;
  arms: Record<string, ChainArm>;
}

/** Reads a stored state, or a fresh one for `{}`. */
export function readChainState(pluginId: string, state: RouterState): ChainState {
  if (state === null || typeof state !== 'object' || Object.keys(state).length === 0)
    return { version: 1, calls: 0, arms: {} };
  if (
    state.version !== 1 ||
    typeof state.calls !== 'number' ||
    typeof state.arms !== 'object' ||
    state.arms === null
  ) {
    throw new UserError(
      'invalid-router-state',
      `${pluginId}: stored state is not a version 1 fallback-chain state; reset it`,
    );
  }
  return state as unknown as ChainState;
}
