/**
 * Runs a router against a simulated world where each model succeeds with a fixed probability and
 * earns a judge score near it: choose, call, learn, repeat. Shared by the suite and strategy tests.
 */
import type { RouteRequest, RouterPlugin, RouterState } from '../../registry/sdk/plugin.ts';
import { seededRandom } from './seeded-random.ts';

/** How good each model really is (success probability), by arm id. */
export type World = Record<string, number>;

/** What a simulation did: every arm chosen, in order, and the final state. */
export interface Simulation {
  picks: string[];
  state: RouterState;
}

/** Runs `rounds` calls; the router and the world draw from separate seeded streams. */
export function simulate(
  router: RouterPlugin,
  config: Record<string, unknown>,
  request: RouteRequest | ((round: number) => RouteRequest),
  world: World | ((arm: string, request: RouteRequest) => number),
  rounds: number,
  seed: number,
): Simulation {
  const routerRandom = seededRandom(seed);
  const worldRandom = seededRandom(seed ^ 0x9e3779b9);
  let state: RouterState = {};
  const picks: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const req = typeof request === 'function' ? request(round) : request;
    const { arm } = router.choose(req, state, config, routerRandom);
    picks.push(arm);
    const p = typeof world === 'function' ? world(arm, req) : (world[arm] ?? 0);
    const success = worldRandom() < p;
    const score = success ? Math.min(1, Math.max(0, p + (worldRandom() - 0.5) * 0.1)) : 0;
    state = router.learn(
      { arm, success, score, costUsd: 0.001, latencyMs: 300, features: req.features },
      state,
      config,
    );
  }
  return { picks, state };
}

/** How many of the last `n` picks went to `arm`. */
export function countLast(picks: string[], n: number, arm: string): number {
  return picks.slice(-n).filter((p) => p === arm).length;
}
