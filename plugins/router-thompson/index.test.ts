import { describe, expect, it } from 'vitest';
import type { RouteRequest } from '../../registry/sdk/plugin.ts';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import { countLast, simulate } from '../../test/routers/simulate.ts';
import { sampleBeta } from '../router-kit/beta-sample.ts';
import thompson from './index.ts';

const arms = [{ id: 'small' }, { id: 'large' }];
const short: RouteRequest = { arms, features: { length: 50, language: 'en' } };
const long: RouteRequest = { arms, features: { length: 5000, language: 'en' } };
// The small model is fine for short requests and poor on long ones; the large one is the reverse.
const world = (arm: string, req: RouteRequest) =>
  (req.features?.length ?? 0) < 200 ? (arm === 'small' ? 0.9 : 0.4) : arm === 'small' ? 0.2 : 0.9;
const alternate = (round: number) => (round % 2 === 0 ? short : long);

describe('router/thompson', () => {
  it('samples Beta posteriors with the right mean', () => {
    const random = seededRandom(17);
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += sampleBeta(2, 5, random);
    expect(sum / 4000).toBeCloseTo(2 / 7, 1.5);
    expect(sampleBeta(0.3, 0.3, seededRandom(1))).toBeGreaterThanOrEqual(0);
  });

  it('learns a different best model per length bucket when asked to', () => {
    const config = { contextFeatures: ['length'], minBucketCalls: 5 };
    const { picks, state } = simulate(thompson, config, alternate, world, 400, 3);
    const shortPicks = picks.filter((_, i) => i % 2 === 0);
    const longPicks = picks.filter((_, i) => i % 2 === 1);
    expect(countLast(shortPicks, 100, 'small')).toBeGreaterThanOrEqual(80);
    expect(countLast(longPicks, 100, 'large')).toBeGreaterThanOrEqual(80);
    expect(thompson.choose(long, state, config, seededRandom(1)).explanation).toContain(
      'in context length=long',
    );
  });

  it('without context features cannot tell the buckets apart', () => {
    const { picks } = simulate(thompson, {}, alternate, world, 400, 3);
    const shortPicks = picks.filter((_, i) => i % 2 === 0);
    expect(countLast(shortPicks, 100, 'small')).toBeLessThan(80);
  });

  it('uses the overall posteriors until a bucket has enough calls, and says so', () => {
    const config = { contextFeatures: ['intent', 'language'], minBucketCalls: 10 };
    let state = {};
    for (let i = 0; i < 3; i++)
      state = thompson.learn(
        { arm: 'large', success: true, features: { intent: 'Refund', language: 'en' } },
        state,
        config,
      );
    const choice = thompson.choose(
      { arms, features: { intent: 'refund', language: 'en' } },
      state,
      config,
      seededRandom(1),
    );
    expect(choice.explanation).toContain(
      'overall (context intent=refund|language=en has 3 of 10 calls needed)',
    );
  });

  it('rejects a context feature it does not know', () => {
    expect(() => thompson.choose(short, {}, { contextFeatures: ['mood'] }, seededRandom(1))).toThrow(
      'config.contextFeatures[0] must be one of "length", "intent", "language", "tenant", got "mood"',
    );
  });
});
