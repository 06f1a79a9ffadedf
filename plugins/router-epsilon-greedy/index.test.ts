import { describe, expect, it } from 'vitest';
import type { RouterState } from '../../registry/sdk/plugin.ts';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import epsilonGreedy from './index.ts';

const arms = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

function learned(): RouterState {
  let state: RouterState = {};
  for (let i = 0; i < 10; i++) {
    state = epsilonGreedy.learn({ arm: 'b', success: true, score: 0.9 }, state, {});
    state = epsilonGreedy.learn({ arm: 'a', success: true, score: 0.4 }, state, {});
  }
  return state;
}

describe('router/epsilon-greedy', () => {
  it('with epsilon 0 always exploits the best mean reward', () => {
    const random = seededRandom(5);
    const state = learned();
    for (let i = 0; i < 50; i++)
      expect(epsilonGreedy.choose({ arms }, state, { epsilon: 0 }, random).arm).toBe('b');
    expect(epsilonGreedy.choose({ arms }, state, { epsilon: 0 }, random).explanation).toContain(
      "exploiting: 'b'",
    );
  });

  it('with epsilon 1 spreads calls across all models', () => {
    const random = seededRandom(9);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 900; i++)
      counts[epsilonGreedy.choose({ arms }, learned(), { epsilon: 1 }, random).arm]!++;
    // Uniform would be 300 each; 200 is more than 7 standard deviations away.
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(200);
  });

  it('explores about epsilon of the time and says when it does', () => {
    const random = seededRandom(3);
    const state = learned();
    let exploring = 0;
    for (let i = 0; i < 1000; i++) {
      if (epsilonGreedy.choose({ arms }, state, { epsilon: 0.2 }, random).explanation.startsWith('exploring'))
        exploring++;
    }
    expect(exploring).toBeGreaterThan(140);
    expect(exploring).toBeLessThan(260);
  });

  it('values cheaper calls more when told to', () => {
    let state: RouterState = {};
    for (let i = 0; i < 10; i++) {
      state = epsilonGreedy.learn({ arm: 'a', success: true, score: 0.9, costUsd: 0.5 }, state, {
        costWeight: 1,
      });
      state = epsilonGreedy.learn({ arm: 'b', success: true, score: 0.8, costUsd: 0.01 }, state, {
        costWeight: 1,
      });
    }
    expect(epsilonGreedy.choose({ arms }, state, { epsilon: 0, costWeight: 1 }, seededRandom(1)).arm).toBe(
      'b',
    );
  });
});
