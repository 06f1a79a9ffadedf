/**
 * router/fallback-chain: try models in a fixed order; on an error or timeout the engine moves to
 * the next one (`fallbacks`). It learns only one thing: a model that keeps failing is moved to the
 * end of the chain for a cool-down, so a provider outage stops costing a timeout on every call.
 */
import { definePlugin, type RouterPlugin } from '../../registry/sdk/plugin.ts';
import { checkArms } from '../router-kit/check-arms.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { checkOutcome } from '../router-kit/reward.ts';
import { routerManifest } from '../router-kit/router-manifest.ts';
import { type ChainState, readChainState } from './chain-state.ts';

const ID = 'router/fallback-chain';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    order: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description:
        'Models in the order to try them. Models not listed follow in the order the request lists them.',
    },
    demoteAfterFailures: {
      type: 'integer',
      minimum: 1,
      default: 3,
      description: 'Consecutive failures after which a model moves to the end of the chain.',
    },
    cooldownCalls: {
      type: 'integer',
      minimum: 1,
      default: 20,
      description: 'How many routed calls a demoted model stays at the end before it is tried first again.',
    },
  },
};

interface ChainConfig {
  order: string[];
  demoteAfterFailures: number;
  cooldownCalls: number;
}

/** The fallback-chain router. */
export default definePlugin<RouterPlugin>({
  manifest: routerManifest({
    id: ID,
    version: '1.0.0',
    title: 'Fallback chain',
    description:
      'Tries models in order; on an error or timeout the next one. Models that keep failing wait at the end.',
    icon: 'list-ordered',
    config,
  }),

  choose(request, state, rawConfig) {
    const cfg = readConfig<ChainConfig>(ID, config, rawConfig);
    const ids = checkArms(ID, request).map((a) => a.id);
    const chain = readChainState(ID, state ?? {});
    const listed = cfg.order.filter((id) => ids.includes(id));
    const ordered = [...new Set([...listed, ...ids])];
    const demoted = ordered.filter((id) => (chain.arms[id]?.demotedUntil ?? 0) > chain.calls);
    const healthy = ordered.filter((id) => !demoted.includes(id));
    const [arm, ...fallbacks] = [...healthy, ...demoted] as [string, ...string[]];
    let explanation = `first in the chain: '${arm}'`;
    if (demoted.length > 0) {
      const notes = demoted.map((id) => `'${id}' (${chain.arms[id]!.failStreak} failures in a row)`);
      explanation += `; moved to the end for a cool-down: ${notes.join(', ')}`;
    }
    if (fallbacks.length > 0) explanation += `; then ${fallbacks.map((id) => `'${id}'`).join(' → ')}`;
    return { arm, fallbacks, explanation };
  },

  learn(outcome, state, rawConfig) {
    const cfg = readConfig<ChainConfig>(ID, config, rawConfig);
    checkOutcome(ID, outcome);
    const chain = readChainState(ID, state);
    const calls = chain.calls + 1;
    const old = chain.arms[outcome.arm] ?? { calls: 0, failures: 0, failStreak: 0, demotedUntil: 0 };
    const failStreak = outcome.success ? 0 : old.failStreak + 1;
    // A success ends a cool-down at once; reaching the failure limit (re)starts one.
    const demotedUntil = outcome.success
      ? 0
      : failStreak >= cfg.demoteAfterFailures
        ? calls + cfg.cooldownCalls
        : old.demotedUntil;
    const next: ChainState = {
      version: 1,
      calls,
      arms: {
        ...chain.arms,
        [outcome.arm]: {
          calls: old.calls + 1,
          failures: old.failures + (outcome.success ? 0 : 1),
          failStreak,
          demotedUntil,
        },
      },
    };
    return { ...next };
  },
});
