import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import rubric from './index.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  rubric.judge(input, config, ctx) as Verdict;
const keywords = [
  { term: 'refund', synonyms: ['money back'], weight: 3, required: true },
  { term: 'apologise', synonyms: ['sorry'], weight: 1 },
  { term: 'guarantee', forbidden: true },
];

describe('judge/keyword-rubric', () => {
  it('weighs keywords and counts synonyms', () => {
    const v = judgeNow({ output: 'You will get your money back.' }, { keywords });
    expect(v).toMatchObject({
      score: 0.75,
      pass: true,
      reasoning: 'matched weight 3 of 4; found "refund"; missing "apologise"',
    });
  });

  it('scores 0 when a required keyword is missing', () => {
    expect(judgeNow({ output: 'So sorry!' }, { keywords })).toMatchObject({
      score: 0,
      reasoning: 'missing required "refund"',
    });
  });

  it('scores 0 when a forbidden keyword appears, whatever else is there', () => {
    const v = judgeNow({ output: 'Sorry, refund guaranteed? No: we guarantee a refund.' }, { keywords });
    expect(v).toMatchObject({ score: 0, pass: false, reasoning: 'contains forbidden "guarantee"' });
  });

  it('matches whole words only, in any script', () => {
    expect(judgeNow({ output: 'refunding' }, { keywords: [{ term: 'refund' }] }).score).toBe(0);
    expect(judgeNow({ output: 'Voilà: remboursé!' }, { keywords: [{ term: 'remboursé' }] }).score).toBe(1);
  });

  it('rejects a keyword entry with an unknown field', () => {
    expect(() => judgeNow({ output: 'x' }, { keywords: [{ term: 'x', wieght: 2 }] })).toThrow(
      'judge/keyword-rubric: config.keywords[0].wieght is not a known setting',
    );
  });
});
