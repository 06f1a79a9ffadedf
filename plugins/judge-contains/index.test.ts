import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import contains from './index.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  contains.judge(input, config, ctx) as Verdict;

describe('judge/contains', () => {
  it('scores the share of phrases found and names the missing ones', () => {
    const v = judgeNow({ output: 'We ship to Spain and France.' }, { phrases: ['Spain', 'France', 'Italy'] });
    expect(v.score).toBeCloseTo(2 / 3, 3);
    expect(v.pass).toBe(false);
    expect(v.reasoning).toBe('found 2 of 3 phrases; missing: "Italy"');
  });

  it('passes on any one phrase in any mode', () => {
    expect(judgeNow({ output: 'ciao' }, { phrases: ['hello', 'ciao'], mode: 'any' })).toMatchObject({
      score: 1,
      pass: true,
    });
  });

  it('reads phrases from the case’s expected value', () => {
    expect(judgeNow({ output: 'Order ORD-1 shipped', expected: ['ord-1', 'shipped'] }, {}).pass).toBe(true);
    expect(judgeNow({ output: 'Order ORD-1', expected: 'ORD-1' }, { caseSensitive: true }).pass).toBe(true);
    expect(judgeNow({ output: 'order ord-1', expected: 'ORD-1' }, { caseSensitive: true }).pass).toBe(false);
  });

  it('rejects an expected value that is not phrases', () => {
    expect(() => judgeNow({ output: 'x', expected: [1] }, {})).toThrow(
      'expected must be a phrase or a list of phrases',
    );
  });
});
