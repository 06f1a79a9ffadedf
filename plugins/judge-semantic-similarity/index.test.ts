import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import semantic from './index.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  semantic.judge(input, config, ctx) as Verdict;
const reference = 'Refunds are issued to the original card within five business days.';

describe('judge/semantic-similarity', () => {
  it('rates a paraphrase well above an unrelated answer', () => {
    const paraphrase = judgeNow(
      { output: 'We issue the refund to your original card within five business days.', expected: reference },
      {},
    );
    const unrelated = judgeNow({ output: 'The weather in Madrid is sunny today.', expected: reference }, {});
    expect(paraphrase.score).toBeGreaterThan(0.7);
    expect(unrelated.score).toBe(0);
    expect(unrelated.reasoning).toContain('no terms in common');
  });

  it('scores identical text 1 and treats inflections alike', () => {
    expect(judgeNow({ output: reference, expected: reference }, {}).score).toBe(1);
    expect(judgeNow({ output: 'refunded cards', expected: 'refund card' }, {}).score).toBe(1);
  });

  it('uses the closest of several references', () => {
    const v = judgeNow(
      { output: 'Delivery takes three days.' },
      { reference: ['Refunds take a week.', 'Delivery takes three days.'] },
    );
    expect(v.score).toBe(1);
    expect(v.reasoning).toContain('"Delivery takes three days."');
  });

  it('lets a domain corpus down-weight everyday words', () => {
    const corpus = ['Your order is on its way.', 'Order status: shipped.', 'Thanks for your order.'];
    const withOrder = { output: 'Your order refund is approved.', expected: 'Your order was shipped.' };
    const plain = judgeNow(withOrder, {}).score;
    const weighted = judgeNow(withOrder, { corpus }).score;
    expect(weighted).toBeLessThan(plain);
  });

  it('says when the output has nothing to compare', () => {
    expect(judgeNow({ output: 'the and of', expected: reference }, {})).toMatchObject({
      score: 0,
      reasoning: 'output has no meaningful words to compare',
    });
  });
});
