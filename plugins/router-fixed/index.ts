/**
 * router/fixed: always the same model. The baseline every learning router is compared against, and
 * what a builder picks when a compliance rule pins one model. It still counts outcomes so the
 * explanation can say how that model has been doing.
 */

import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { ALL, describeStats, readBanditState, statsOf } from '../router-kit/arm-stats.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { learnReward } from '../router-kit/learn-reward.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { rewardOf } from '../router-kit/reward.ts';
import { routerManifest } from '../router-kit/router-manifest.ts';

const ID = 'router/fixed';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    arm: {
      type: 'string',
      minLength: 1,
      description: 'The model (arm id) to always use. Empty: the first arm listed.',
    },
    fallbacks: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Models to try, in order, when the fixed one fails.',
    },
  },
};

interface FixedConfig {
  arm?: string;
  fallbacks: string[];
}

/** The fixed router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'Fixed model',
    description: 'Always routes to one chosen model, with optional fallbacks when it fails.',
    icon: 'pin',
    config,
  }),

  choose(request, state, rawConfig) {
    const cfg = readConfig<FixedConfig>(ID, config, rawConfig);
    const arms = checkArms(ID, request);
    const ids = arms.map((a) => a.id);
    const arm = cfg.arm ?? ids[0]!;
    if (!ids.includes(arm)) {
      throw new UserError(
        'unknown-arm',
        `${ID}: configured arm '${arm}' is not one of the available models (${ids.join(', ')})`,
      );
    }
    const fallbacks = cfg.fallbacks.filter((id) => id !== arm && ids.includes(id));
    const stats = statsOf(readBanditState(ID, state), ALL, arm);
    const why = cfg.arm
      ? `fixed to '${arm}' by configuration`
      : `no model configured, so the first listed: '${arm}'`;
    return { arm, fallbacks, explanation: `${why} (${describeStats(stats)})` };
  },

  learn(outcome, state, rawConfig) {
    readConfig<FixedConfig>(ID, config, rawConfig);
    return learnReward(ID, state, outcome, rewardOf);
  },
});
