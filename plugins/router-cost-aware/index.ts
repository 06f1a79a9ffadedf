/**
 * router/cost-aware: the cheapest model that is good enough. "Good enough" is the expected quality
 * (the arm's prior quality blended with the judge scores it has earned) clearing a threshold; when
 * no model clears it, the best expected quality wins so users are not handed a known-bad model.
 */
import { definePlugin, type RouterArm, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { ALL, type BanditState, readBanditState, statsOf } from '../router-kit/arm-stats.ts';
import { blendedMean } from '../router-kit/blended-mean.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { learnReward } from '../router-kit/learn-reward.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { qualityOf } from '../router-kit/reward.ts';
import { routeTo } from '../router-kit/route.ts';
import { routerManifest } from '../router-kit/router-manifest.ts';
import { defaultQualitySetting, type PriorConfig, priorWeightSetting } from '../router-kit/settings.ts';

const ID = 'router/cost-aware';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.7,
      description: 'Expected quality a model must reach to be chosen for its price.',
    },
    priorWeight: priorWeightSetting(
      5,
      'How many observed calls the prior quality counts as. Higher: slower to change its mind.',
    ),
    defaultQuality: defaultQualitySetting,
  },
};

interface CostAwareConfig extends PriorConfig {
  threshold: number;
}

interface Candidate {
  arm: RouterArm;
  quality: number;
  calls: number;
  cost: number;
}

function expectedQuality(arm: RouterArm, state: BanditState, cfg: CostAwareConfig): Candidate {
  const stats = statsOf(state, ALL, arm.id);
  const prior = arm.quality ?? cfg.defaultQuality;
  // The stored reward for this router is the raw quality (see learn), so this blends prior and mean score.
  const quality = blendedMean(prior, cfg.priorWeight, stats);
  return { arm, quality, calls: stats.calls, cost: arm.costPer1kTokens ?? Number.POSITIVE_INFINITY };
}

function price(c: Candidate): string {
  return Number.isFinite(c.cost) ? `$${c.cost}/1k tokens` : 'unknown price';
}

/** The cost-aware router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'Cheapest good-enough model',
    description:
      'Picks the cheapest model whose expected quality (prior blended with judge scores) clears a threshold.',
    icon: 'piggy-bank',
    config,
  }),

  choose(request, state, rawConfig) {
    const cfg = readConfig<CostAwareConfig>(ID, config, rawConfig);
    const bandit = readBanditState(ID, state);
    const candidates = checkArms(ID, request).map((arm) => expectedQuality(arm, bandit, cfg));
    const good = candidates
      .filter((c) => c.quality >= cfg.threshold)
      .sort((a, b) => a.cost - b.cost || b.quality - a.quality);
    const rest = candidates
      .filter((c) => c.quality < cfg.threshold)
      .sort((a, b) => b.quality - a.quality || a.cost - b.cost);
    const ranked = [...good, ...rest];
    const best = ranked[0]!;
    const q = `expected quality ${best.quality.toFixed(2)} from ${best.calls} scored call${best.calls === 1 ? '' : 's'}`;
    const explanation =
      good.length > 0
        ? `'${best.arm.id}' is the cheapest model (${price(best)}) whose ${q} clears ${cfg.threshold}` +
          (good.length > 1 ? `; ${good.length - 1} pricier model(s) also qualify` : '')
        : `no model clears ${cfg.threshold}, so the best expected quality: '${best.arm.id}' (${q}, ${price(best)})`;
    return routeTo(
      ranked.map((c) => c.arm),
      best.arm,
      explanation,
    );
  },

  learn(outcome, state, rawConfig) {
    readConfig<CostAwareConfig>(ID, config, rawConfig);
    // Cost is already the ranking key; the reward stays pure quality so the threshold keeps its meaning.
    return learnReward(ID, state, outcome, qualityOf);
  },
});
