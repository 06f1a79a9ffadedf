import { describe, expect, it } from 'vitest';
import type { RouterState } from '../../registry/sdk/plugin.ts';
import ucb1 from './index.ts';

const arms = [{ id: 'a' }, { id: 'b', quality: 0.9 }, { id: 'c' }];
const neverCalled = () => {
  throw new Error('UCB1 must not need randomness');
};

describe('router/ucb1', () => {
  it('tries every model once first, those with the best prior first', () => {
    let state: RouterState = {};
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const choice = ucb1.choose({ arms }, state, {}, neverCalled);
      expect(choice.explanation).toContain('has not been tried yet');
      order.push(choice.arm);
      state = ucb1.learn({ arm: choice.arm, success: true, score: 0.5 }, state, {});
    }
    expect(order).toEqual(['b', 'a', 'c']);
  });

  it('revisits a rarely tried model once its confidence bonus outgrows the gap', () => {
    let state: RouterState = {};
    state = ucb1.learn({ arm: 'a', success: true, score: 0.6 }, state, {});
    for (let i = 0; i < 30; i++) state = ucb1.learn({ arm: 'b', success: true, score: 0.7 }, state, {});
    const choice = ucb1.choose({ arms: arms.slice(0, 2) }, state, {}, neverCalled);
    expect(choice.arm).toBe('a');
    expect(choice.explanation).toMatch(/highest upper bound .* bonus/);
  });

  it('with exploration 0 is greedy', () => {
    let state: RouterState = {};
    state = ucb1.learn({ arm: 'a', success: true, score: 0.6 }, state, {});
    for (let i = 0; i < 30; i++) state = ucb1.learn({ arm: 'b', success: true, score: 0.7 }, state, {});
    expect(ucb1.choose({ arms: arms.slice(0, 2) }, state, { exploration: 0 }, neverCalled).arm).toBe('b');
  });
});
