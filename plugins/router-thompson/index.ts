/**
 * router/thompson: Thompson sampling. Each model has a Beta posterior over its reward; every call
 * draws one sample per model and takes the highest, so models are tried in proportion to the
 * chance they are the best. Optionally learns separately per context bucket (length, intent,
 * language, tenant) and uses the overall posteriors until a bucket has seen enough calls.
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, describeStats, readBanditState, statsOf } from '../router-kit/arm-stats.ts';
import { sampleBeta } from '../router-kit/beta-sample.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { bucketKey, CONTEXT_FEATURES, type ContextFeature } from '../router-kit/context-bucket.ts';
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

const ID = 'router/thompson';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    contextFeatures: {
      type: 'array',
      items: { type: 'string', enum: CONTEXT_FEATURES },
      default: [],
      description:
        'Request features to learn separately for (length, intent, language, tenant). Empty: one posterior per model.',
    },
    lengthLimits: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      minItems: 2,
      maxItems: 2,
      default: [200, 2000],
      description:
        'Request lengths (characters) below which a request is short, then medium; longer is long.',
    },
    minBucketCalls: {
      type: 'integer',
      minimum: 0,
      default: 10,
      description:
        'Calls a context bucket needs before its own posteriors are used instead of the overall ones.',
    },
    priorWeight: priorWeightSetting(2),
    defaultQuality: defaultQualitySetting,
    ...rewardWeightSettings,
  },
};

interface ThompsonConfig extends PriorConfig, RewardWeightConfig {
  contextFeatures: ContextFeature[];
  lengthLimits: [number, number];
  minBucketCalls: number;
}

/** The Thompson-sampling router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'Thompson sampling',
    description:
      'Samples each model’s Beta posterior and picks the best draw; can learn per request context.',
    icon: 'sparkles',
    config,
  }),

  choose(request, state, rawConfig, random) {
    const cfg = readConfig<ThompsonConfig>(ID, config, rawConfig);
    const bandit = readBanditState(ID, state);
    const arms = checkArms(ID, request);
    const wanted = bucketKey(request.features, cfg.contextFeatures, cfg.lengthLimits);
    const bucketCalls = arms.reduce((sum, arm) => sum + statsOf(bandit, wanted, arm.id).calls, 0);
    const bucket = wanted === ALL || bucketCalls >= cfg.minBucketCalls ? wanted : ALL;
    const draws = arms
      .map((arm) => {
        const stats = statsOf(bandit, bucket, arm.id);
        const prior = arm.quality ?? cfg.defaultQuality;
        const alpha = 1 + cfg.priorWeight * prior + stats.reward;
        const beta = 1 + cfg.priorWeight * (1 - prior) + (stats.calls - stats.reward);
        return { id: arm.id, stats, mean: alpha / (alpha + beta), sample: sampleBeta(alpha, beta, random) };
      })
      .sort((a, b) => b.sample - a.sample);
    const best = draws[0]!;
    let where = '';
    if (wanted !== ALL) {
      where =
        bucket === wanted
          ? ` in context ${wanted}`
          : ` overall (context ${wanted} has ${bucketCalls} of ${cfg.minBucketCalls} calls needed)`;
    }
    const runnerUp = draws[1] ? `; '${draws[1].id}' drew ${draws[1].sample.toFixed(2)}` : '';
    return routeTo(
      draws,
      best,
      `'${best.id}' drew the highest sampled reward ${best.sample.toFixed(2)}${where} ` +
        `(posterior mean ${best.mean.toFixed(2)}, ${describeStats(best.stats)})${runnerUp}`,
    );
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<ThompsonConfig>(ID, config, rawConfig);
    return learnReward(
      ID,
      state,
      outcome,
      (o) => rewardOf(o, cfg),
      (o) => [bucketKey(o.features, cfg.contextFeatures, cfg.lengthLimits)],
    );
  },
});
