/**
 * Config settings several routers share, as JSON Schema, so the same setting reads the same in
 * every router's form. Defaults are copied per call by readConfig, so sharing the objects is safe.
 */

/** The values of priorWeightSetting and defaultQualitySetting, as readConfig returns them. */
export interface PriorConfig {
  priorWeight: number;
  defaultQuality: number;
}

/** The values of rewardWeightSettings, as readConfig returns them (defaults filled in). */
export interface RewardWeightConfig {
  costWeight: number;
  latencyWeight: number;
}

/** `priorWeight`: how many calls an arm's prior quality counts as, with this router's default. */
export function priorWeightSetting(
  fallback: number,
  description = 'How many calls a model’s prior quality counts as.',
): Record<string, unknown> {
  return { type: 'number', minimum: 0, default: fallback, description };
}

/** `defaultQuality`: the prior for arms that state no quality. */
export const defaultQualitySetting = {
  type: 'number',
  minimum: 0,
  maximum: 1,
  default: 0.5,
  description: 'Prior quality for models that state none.',
};

/** `costWeight` and `latencyWeight`: the RewardWeights penalties, for routers that learn a reward. */
export const rewardWeightSettings = {
  costWeight: { type: 'number', minimum: 0, default: 0, description: 'Reward lost per USD a call cost.' },
  latencyWeight: {
    type: 'number',
    minimum: 0,
    default: 0,
    description: 'Reward lost per second a call took.',
  },
};
