/**
 * One suite over every router strategy (as Kysely runs one suite per dialect): whatever the
 * strategy, these are the promises the engine and the studio rely on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import costAware from '../../plugins/router-cost-aware/index.ts';
import epsilonGreedy from '../../plugins/router-epsilon-greedy/index.ts';
import fallbackChain from '../../plugins/router-fallback-chain/index.ts';
import fixed from '../../plugins/router-fixed/index.ts';
import thompson from '../../plugins/router-thompson/index.ts';
import ucb1 from '../../plugins/router-ucb1/index.ts';
import type { RouteRequest, RouterPlugin, RouterState } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { seededRandom } from './seeded-random.ts';
import { countLast, simulate } from './simulate.ts';

interface RouterCase {
  router: RouterPlugin;
  config: Record<string, unknown>;
  /** Whether the strategy should move traffic toward the model with better outcomes. */
  learnsQuality: boolean;
}

const cases: RouterCase[] = [
  { router: fixed, config: {}, learnsQuality: false },
  { router: fallbackChain, config: {}, learnsQuality: false },
  { router: costAware, config: { threshold: 0.7 }, learnsQuality: true },
  { router: epsilonGreedy, config: { epsilon: 0.1 }, learnsQuality: true },
  { router: ucb1, config: {}, learnsQuality: true },
  { router: thompson, config: {}, learnsQuality: true },
  {
    router: thompson,
    config: { contextFeatures: ['length', 'intent'], minBucketCalls: 5 },
    learnsQuality: true,
  },
];

// The weaker model is listed first and is cheaper, so choosing the stronger one must be learned.
const request: RouteRequest = {
  arms: [
    { id: 'weak', costPer1kTokens: 0.1, quality: 0.5 },
    { id: 'strong', costPer1kTokens: 1, quality: 0.5 },
  ],
  features: { length: 120, intent: 'billing', language: 'en' },
};

const armIds = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 5 });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe.each(cases)('$router.manifest.id $config', ({ router, config }) => {
  const id = router.manifest.id;

  it('has a complete manifest', () => {
    expect(router.manifest).toMatchObject({ kind: 'router', version: '1.0.0', category: 'Routing' });
    expect(id).toMatch(/^router\/[a-z0-9-]+$/);
    expect(router.manifest.description.length).toBeGreaterThan(20);
    const props = (router.manifest.config as { properties: Record<string, { description?: string }> })
      .properties;
    for (const [name, schema] of Object.entries(props))
      expect(schema.description, `${id} config.${name}`).toBeTruthy();
  });

  it('always returns one of the offered arms, with fallbacks drawn from the rest', () => {
    fc.assert(
      fc.property(
        armIds,
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), {
          maxLength: 30,
        }),
        fc.integer(),
        (ids, outcomes, seed) => {
          const arms = ids.map((armId) => ({ id: armId }));
          let state: RouterState = {};
          for (const [pick, success, score] of outcomes) {
            state = router.learn({ arm: ids[pick % ids.length]!, success, score }, state, config);
          }
          const choice = router.choose({ arms }, state, config, seededRandom(seed));
          expect(ids).toContain(choice.arm);
          for (const fallback of choice.fallbacks ?? []) expect(ids).toContain(fallback);
          expect(choice.fallbacks ?? []).not.toContain(choice.arm);
          expect(new Set(choice.fallbacks).size).toBe((choice.fallbacks ?? []).length);
          expect(choice.explanation.trim()).not.toBe('');
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('keeps its state as plain JSON that round-trips to the same choices', () => {
    const { state } = simulate(router, config, request, { weak: 0.3, strong: 0.9 }, 60, 7);
    const restored = JSON.parse(JSON.stringify(state)) as RouterState;
    expect(restored).toEqual(state);
    const a = router.choose(request, state, config, seededRandom(3));
    const b = router.choose(request, restored, config, seededRandom(3));
    expect(b).toEqual(a);
  });

  it('learns without mutating the state it was given', () => {
    const { state } = simulate(router, config, request, { weak: 0.5, strong: 0.5 }, 10, 1);
    const snapshot = JSON.stringify(state);
    const next = router.learn({ arm: 'strong', success: true, score: 1 }, deepFreeze(state), config);
    expect(JSON.stringify(state)).toBe(snapshot);
    expect(next).not.toBe(state);
  });

  it('explains every choice, before and after learning', () => {
    expect(router.choose(request, {}, config, seededRandom(1)).explanation.length).toBeGreaterThan(10);
    const { state } = simulate(router, config, request, { weak: 0.3, strong: 0.9 }, 40, 2);
    expect(router.choose(request, state, config, seededRandom(1)).explanation).toMatch(/weak|strong/);
  });

  it('rejects an unknown setting, naming it', () => {
    const attempt = () => router.choose(request, {}, { ...config, temprature: 0.2 }, seededRandom(1));
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/temprature.*not a known setting/);
    expect(() => router.learn({ arm: 'weak', success: true }, {}, { ...config, temprature: 0.2 })).toThrow(
      /temprature/,
    );
  });

  it('rejects requests without arms and arms listed twice', () => {
    expect(() => router.choose({ arms: [] }, {}, config, Math.random)).toThrow(/no arms/);
    expect(() => router.choose({ arms: [{ id: 'a' }, { id: 'a' }] }, {}, config, Math.random)).toThrow(
      /'a' is listed twice/,
    );
  });

  it('rejects outcomes it cannot learn from', () => {
    expect(() => router.learn({ arm: 'weak', success: true, score: 1.5 }, {}, config)).toThrow(
      /score must be a number from 0 to 1/,
    );
    expect(() => router.learn({ arm: '', success: true }, {}, config)).toThrow(/outcome.arm/);
  });

  it('rejects a stored state of another shape instead of silently misreading it', () => {
    expect(() => router.choose(request, { version: 7, whatever: true }, config, seededRandom(1))).toThrow(
      /state/,
    );
  });
});

describe.each(cases.filter((c) => c.learnsQuality))(
  '$router.manifest.id $config learns',
  ({ router, config }) => {
    it('shifts traffic toward the model with consistently better outcomes', () => {
      // Deterministic per seed; five seeds and a wide margin (≥ 70% vs the 50% of a coin) so a
      // change in the sampler cannot make this flaky, only a broken learner can fail it.
      for (const seed of [1, 2, 3, 4, 5]) {
        const { picks } = simulate(router, config, request, { weak: 0.3, strong: 0.9 }, 400, seed);
        expect(countLast(picks, 200, 'strong'), `seed ${seed}`).toBeGreaterThanOrEqual(140);
      }
    });

    it('follows the better model whichever position it is listed in', () => {
      const { picks } = simulate(router, config, request, { weak: 0.9, strong: 0.3 }, 400, 11);
      expect(countLast(picks, 200, 'weak')).toBeGreaterThanOrEqual(140);
    });
  },
);
