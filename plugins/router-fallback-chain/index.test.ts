import { describe, expect, it } from 'vitest';
import type { RouterState } from '../../registry/sdk/plugin.ts';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import chain from './index.ts';

const arms = [{ id: 'primary' }, { id: 'secondary' }, { id: 'local' }];
const random = seededRandom(1);

function learnAll(
  outcomes: Array<[string, boolean]>,
  config: Record<string, unknown> = {},
  start: RouterState = {},
): RouterState {
  return outcomes.reduce((state, [arm, success]) => chain.learn({ arm, success }, state, config), start);
}

describe('router/fallback-chain', () => {
  it('tries models in the configured order, then those not listed', () => {
    const choice = chain.choose({ arms }, {}, { order: ['local', 'primary'] }, random);
    expect(choice).toMatchObject({ arm: 'local', fallbacks: ['primary', 'secondary'] });
    expect(choice.explanation).toBe("first in the chain: 'local'; then 'primary' → 'secondary'");
  });

  it('ignores models in the order that the request does not offer', () => {
    expect(chain.choose({ arms }, {}, { order: ['gone', 'secondary'] }, random).arm).toBe('secondary');
  });

  it('keeps a model first through occasional failures', () => {
    const state = learnAll([
      ['primary', false],
      ['primary', false],
      ['primary', true],
      ['primary', false],
      ['primary', false],
    ]);
    expect(chain.choose({ arms }, state, {}, random).arm).toBe('primary');
  });

  it('moves a model that keeps failing to the end for a cool-down, then gives it another chance', () => {
    const config = { demoteAfterFailures: 3, cooldownCalls: 4 };
    let state = learnAll(
      [
        ['primary', false],
        ['primary', false],
        ['primary', false],
      ],
      config,
    );
    const demoted = chain.choose({ arms }, state, config, random);
    expect(demoted).toMatchObject({ arm: 'secondary', fallbacks: ['local', 'primary'] });
    expect(demoted.explanation).toContain("'primary' (3 failures in a row)");
    state = learnAll(
      [
        ['secondary', true],
        ['secondary', true],
        ['secondary', true],
      ],
      config,
      state,
    );
    expect(chain.choose({ arms }, state, config, random).arm).toBe('secondary');
    state = learnAll([['secondary', true]], config, state);
    expect(chain.choose({ arms }, state, config, random).arm).toBe('primary');
  });

  it('ends a cool-down at once when the demoted model succeeds as a fallback', () => {
    let state = learnAll([
      ['primary', false],
      ['primary', false],
      ['primary', false],
    ]);
    expect(chain.choose({ arms }, state, {}, random).arm).toBe('secondary');
    state = learnAll([['primary', true]], {}, state);
    expect(chain.choose({ arms }, state, {}, random).arm).toBe('primary');
  });
});
