/**
 * router/ucb1: the model with the highest upper confidence bound (mean reward plus a bonus that
 * shrinks as a model is tried more). Deterministic: no coin flips, every model is tried first, and
 * rarely tried models are revisited at a rate that is provably enough (Auer et al., 2002).
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, describeStats, readBanditState, statsOf } from '../router-kit/arm-stats.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { learnReward } from '../router-kit/learn-reward.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { rewardOf } from '../router-kit/reward.ts';
import { routeTo } from '../router-kit/route.ts';
import { routerManifest } from '../router-kit/router-manifest.ts';
import { type RewardWeightConfig, rewardWeightSettings } from '../router-kit/settings.ts';

const ID = 'router/ucb1';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    exploration: {
      type: 'number',
      minimum: 0,
      default: 1,
      description: 'Scales the confidence bonus. 0: pure greedy; higher: more exploring.',
    },
    ...rewardWeightSettings,
  },
};

interface UcbConfig extends RewardWeightConfig {
  exploration: number;
}

/** The UCB1 router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'UCB1',
    description: 'Picks the model with the best optimistic estimate: mean reward plus an uncertainty bonus.',
    icon: 'trending-up',
    config,
  }),

  choose(request, state, rawConfig) {
    const cfg = readConfig<UcbConfig>(ID, config, rawConfig);
    const bandit = readBanditState(ID, state);
    const arms = checkArms(ID, request).map((arm) => ({
      id: arm.id,
      prior: arm.quality ?? 0,
      stats: statsOf(bandit, ALL, arm.id),
    }));
    const untried = arms.filter((a) => a.stats.calls === 0).sort((a, b) => b.prior - a.prior);
    if (untried.length > 0) {
      const first = untried[0]!;
      const tried = arms.filter((a) => a.stats.calls > 0);
      return routeTo(
        [...untried, ...tried],
        first,
        `'${first.id}' has not been tried yet; UCB1 tries every model once before comparing`,
      );
    }
    const total = arms.reduce((sum, a) => sum + a.stats.calls, 0);
    const scored = arms
      .map((a) => {
        const mean = a.stats.reward / a.stats.calls;
        const bonus = cfg.exploration * Math.sqrt((2 * Math.log(total)) / a.stats.calls);
        return { ...a, mean, bonus, bound: mean + bonus };
      })
      .sort((a, b) => b.bound - a.bound);
    const best = scored[0]!;
    return routeTo(
      scored,
      best,
      `'${best.id}' has the highest upper bound ${best.bound.toFixed(2)} = mean ${best.mean.toFixed(2)} + bonus ` +
        `${best.bonus.toFixed(2)} (${describeStats(best.stats)})` +
        (scored[1] ? `; next '${scored[1].id}' at ${scored[1].bound.toFixed(2)}` : ''),
    );
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<UcbConfig>(ID, config, rawConfig);
    return learnReward(ID, state, outcome, (o) => rewardOf(o, cfg));
  },
});
