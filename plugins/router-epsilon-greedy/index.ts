/**
 * router/epsilon-greedy: usually the model with the best mean reward so far, and with probability
 * epsilon a random one, so a model that improved (or a new one) still gets a chance to show it.
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, describeStats, readBanditState, recordOutcome, statsOf } from '../router-kit/arm-stats.ts';
import { blendedMean } from '../router-kit/blended-mean.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { checkOutcome, rewardOf } from '../router-kit/reward.ts';

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
    priorWeight: {
      type: 'number',
      minimum: 0,
      default: 1,
      description: 'How many calls a model’s prior quality counts as.',
    },
    defaultQuality: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
      description: 'Prior quality for models that state none.',
    },
    costWeight: { type: 'number', minimum: 0, default: 0, description: 'Reward lost per USD a call cost.' },
    latencyWeight: {
      type: 'number',
      minimum: 0,
      default: 0,
      description: 'Reward lost per second a call took.',
    },
  },
};

interface EpsilonConfig {
  epsilon: number;
  priorWeight: number;
  defaultQuality: number;
  costWeight: number;
  latencyWeight: number;
}

/** The epsilon-greedy router. */
export default definePlugin<RouterPlugin>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'router',
    title: 'Epsilon-greedy',
    description: 'Uses the best model so far, and a random one a small share of the time to keep learning.',
    category: 'Routing',
    icon: 'dices',
    config,
    outputs: {
      type: 'object',
      properties: {
        arm: { type: 'string' },
        fallbacks: { type: 'array', items: { type: 'string' } },
        explanation: { type: 'string' },
      },
    },
    permissions: {},
  },

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
      return {
        arm: pick.id,
        fallbacks: ranked.filter((r) => r.id !== pick.id).map((r) => r.id),
        explanation: `exploring (a ${Math.round(cfg.epsilon * 100)}% chance): random pick '${pick.id}' (${describeStats(pick.stats)}); best so far is '${best.id}'`,
      };
    }
    return {
      arm: best.id,
      fallbacks: ranked.slice(1).map((r) => r.id),
      explanation: `exploiting: '${best.id}' has the best mean reward ${best.mean.toFixed(2)} (${describeStats(best.stats)})`,
    };
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<EpsilonConfig>(ID, config, rawConfig);
    checkOutcome(ID, outcome);
    return { ...recordOutcome(readBanditState(ID, state), [ALL], outcome, rewardOf(outcome, cfg)) };
  },
});
