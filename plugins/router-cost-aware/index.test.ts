import { describe, expect, it } from 'vitest';
import type { RouterState } from '../../registry/sdk/plugin.ts';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import costAware from './index.ts';

const arms = [
  { id: 'premium', costPer1kTokens: 10, quality: 0.95 },
  { id: 'mini', costPer1kTokens: 0.15, quality: 0.8 },
  { id: 'tiny', costPer1kTokens: 0.05, quality: 0.4 },
];
const random = seededRandom(1);

function scored(arm: string, score: number, times: number, state: RouterState = {}): RouterState {
  for (let i = 0; i < times; i++) state = costAware.learn({ arm, success: true, score }, state, {});
  return state;
}

describe('router/cost-aware', () => {
  it('picks the cheapest model whose prior quality clears the threshold', () => {
    const choice = costAware.choose({ arms }, {}, { threshold: 0.7 }, random);
    expect(choice).toMatchObject({ arm: 'mini', fallbacks: ['premium', 'tiny'] });
    expect(choice.explanation).toContain("'mini' is the cheapest model ($0.15/1k tokens)");
  });

  it('moves up a tier when judge scores show the cheap model falls short', () => {
    const state = scored('mini', 0.3, 10);
    const choice = costAware.choose({ arms }, state, { threshold: 0.7 }, random);
    expect(choice.arm).toBe('premium');
    expect(choice.explanation).not.toBe('');
  });

  it('promotes a cheap model whose judge scores beat its modest prior', () => {
    const state = scored('tiny', 0.95, 20);
    expect(costAware.choose({ arms }, state, { threshold: 0.7 }, random).arm).toBe('tiny');
  });

  it('falls back to the best expected quality when no model is good enough, and says so', () => {
    const choice = costAware.choose({ arms }, {}, { threshold: 0.99 }, random);
    expect(choice.arm).toBe('premium');
    expect(choice.explanation).toContain('no model clears 0.99');
  });

  it('counts a failed call as quality 0', () => {
    let state: RouterState = {};
    for (let i = 0; i < 10; i++)
      state = costAware.learn({ arm: 'mini', success: false, score: 0.9 }, state, {});
    expect(costAware.choose({ arms }, state, {}, random).arm).toBe('premium');
  });

  it('ranks models without a price after priced ones', () => {
    const choice = costAware.choose(
      {
        arms: [
          { id: 'unpriced', quality: 0.9 },
          { id: 'priced', costPer1kTokens: 5, quality: 0.9 },
        ],
      },
      {},
      {},
      random,
    );
    expect(choice.arm).toBe('priced');
  });

  it('rejects a threshold outside 0..1', () => {
    expect(() => costAware.choose({ arms }, {}, { threshold: 7 }, random)).toThrow(
      'config.threshold must be <= 1, got 7',
    );
  });
});
