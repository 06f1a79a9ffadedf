/**
 * router/ucb1: the model with the highest upper confidence bound (mean reward plus a bonus that
 * shrinks as a model is tried more). Deterministic: no coin flips, every model is tried first, and
 * rarely tried models are revisited at a rate that is provably enough (Auer et al., 2002).
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, describeStats, readBanditState, recordOutcome, statsOf } from '../router-kit/arm-stats.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { checkOutcome, rewardOf } from '../router-kit/reward.ts';

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
    costWeight: { type: 'number', minimum: 0, default: 0, description: 'Reward lost per USD a call cost.' },
    latencyWeight: {
      type: 'number',
      minimum: 0,
      default: 0,
      description: 'Reward lost per second a call took.',
    },
  },
};

interface UcbConfig {
  exploration: number;
  costWeight: number;
  latencyWeight: number;
}

/** The UCB1 router. */
export default definePlugin<RouterPlugin>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'router',
    title: 'UCB1',
    description: 'Picks the model with the best optimistic estimate: mean reward plus an uncertainty bonus.',
    category: 'Routing',
    icon: 'trending-up',
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
      const [first, ...later] = untried as [(typeof untried)[0], ...typeof untried];
      const tried = arms.filter((a) => a.stats.calls > 0).map((a) => a.id);
      return {
        arm: first.id,
        fallbacks: [...later.map((a) => a.id), ...tried],
        explanation: `'${first.id}' has not been tried yet; UCB1 tries every model once before comparing`,
      };
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
    return {
      arm: best.id,
      fallbacks: scored.slice(1).map((a) => a.id),
      explanation:
        `'${best.id}' has the highest upper bound ${best.bound.toFixed(2)} = mean ${best.mean.toFixed(2)} + bonus ` +
        `${best.bonus.toFixed(2)} (${describeStats(best.stats)})` +
        (scored[1] ? `; next '${scored[1].id}' at ${scored[1].bound.toFixed(2)}` : ''),
    };
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<UcbConfig>(ID, config, rawConfig);
    checkOutcome(ID, outcome);
    return { ...recordOutcome(readBanditState(ID, state), [ALL], outcome, rewardOf(outcome, cfg)) };
  },
});
