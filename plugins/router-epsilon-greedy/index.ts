/**
 * router/epsilon-greedy: usually the model with the best mean reward so far, and with probability
 * epsilon a random one, so a model that improved (or a new one) still gets a chance to show it.
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, describeStats, readBanditState, statsOf } from '../router-kit/arm-stats.ts';
import { blendedMean } from '../router-kit/blended-mean.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { learnReward } from '../router-kit/learn-reward.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { rewardOf } from '../router-kit/reward.ts';
import { routeTo } from '../router-kit/route.ts';
import { routerManifest } from '../router-kit/router-manifest.ts';
import {
  defaultQualitySetting,
  type PriorConfig,
  priorWeightSetting,
  type RewardWeightConfig,
  rewardWeightSettings,
} from '../router-kit/settings.ts';

const ID = 'router/epsilon-greedy';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    epsilon: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.1,
      description: 'Share of calls sent to a random model to keep exploring.',
    },
    priorWeight: priorWeightSetting(1),
    defaultQuality: defaultQualitySetting,
    ...rewardWeightSettings,
  },
};

interface EpsilonConfig extends PriorConfig, RewardWeightConfig {
  epsilon: number;
}

/** The epsilon-greedy router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'Epsilon-greedy',
    description: 'Uses the best model so far, and a random one a small share of the time to keep learning.',
    icon: 'dices',
    config,
  }),

  choose(request, state, rawConfig, random) {
    const cfg = readConfig<EpsilonConfig>(ID, config, rawConfig);
    const bandit = readBanditState(ID, state);
    const ranked = checkArms(ID, request)
      .map((arm) => {
        const stats = statsOf(bandit, ALL, arm.id);
        return {
          id: arm.id,
          stats,
          mean: blendedMean(arm.quality ?? cfg.defaultQuality, cfg.priorWeight, stats),
        };
      })
      .sort((a, b) => b.mean - a.mean);
    const best = ranked[0]!;
    if (ranked.length > 1 && random() < cfg.epsilon) {
      const pick = ranked[Math.min(ranked.length - 1, Math.floor(random() * ranked.length))]!;
      return routeTo(
        ranked,
        pick,
        `exploring (a ${Math.round(cfg.epsilon * 100)}% chance): random pick '${pick.id}' (${describeStats(pick.stats)}); best so far is '${best.id}'`,
      );
    }
    return routeTo(
      ranked,
      best,
      `exploiting: '${best.id}' has the best mean reward ${best.mean.toFixed(2)} (${describeStats(best.stats)})`,
    );
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<EpsilonConfig>(ID, config, rawConfig);
    return learnReward(ID, state, outcome, (o) => rewardOf(o, cfg));
  },
});
