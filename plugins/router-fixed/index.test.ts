import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/routers/seeded-random.ts';
import fixed from './index.ts';

const arms = [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }, { id: 'llama-3' }];

describe('router/fixed', () => {
  it('routes every call to the configured model, whatever happened before', () => {
    let state = {};
    for (let i = 0; i < 20; i++)
      state = fixed.learn({ arm: 'gpt-4o', success: false }, state, { arm: 'gpt-4o' });
    const choice = fixed.choose({ arms }, state, { arm: 'gpt-4o' }, seededRandom(1));
    expect(choice.arm).toBe('gpt-4o');
    expect(choice.explanation).toContain('20 calls, 0% success');
  });

  it('uses the first listed model when none is configured, and says so', () => {
    const choice = fixed.choose({ arms }, {}, {}, seededRandom(1));
    expect(choice).toMatchObject({ arm: 'gpt-4o-mini', fallbacks: [] });
    expect(choice.explanation).toContain('no model configured');
  });

  it('offers only configured fallbacks that are available', () => {
    const choice = fixed.choose(
      { arms },
      {},
      { arm: 'gpt-4o', fallbacks: ['claude', 'llama-3', 'gpt-4o'] },
      seededRandom(1),
    );
    expect(choice.fallbacks).toEqual(['llama-3']);
  });

  it('refuses a configured model that is not offered', () => {
    expect(() => fixed.choose({ arms }, {}, { arm: 'claude' }, seededRandom(1))).toThrow(
      "configured arm 'claude' is not one of the available models (gpt-4o-mini, gpt-4o, llama-3)",
    );
  });

  it('rejects a setting of the wrong type', () => {
    expect(() => fixed.choose({ arms }, {}, { arm: 3 }, seededRandom(1))).toThrow(
      'router/fixed: config.arm must be string, got integer',
    );
  });
});
