import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import equals from './index.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  equals.judge(input, config, ctx) as Verdict;

describe('judge/equals', () => {
  it('ignores case and extra whitespace by default', () => {
    expect(judgeNow({ output: 'New   York\n', expected: 'new york' }, {})).toMatchObject({
      score: 1,
      pass: true,
    });
  });

  it('respects case and spacing when asked to', () => {
    const v = judgeNow({ output: 'paris', expected: 'Paris' }, { caseSensitive: true });
    expect(v).toMatchObject({
      score: 0,
      pass: false,
      reasoning: 'output "paris" differs from the expected "Paris"',
    });
    expect(judgeNow({ output: 'a  b', expected: 'a b' }, { collapseWhitespace: false }).pass).toBe(false);
  });

  it('compares structured outputs as JSON, whatever the key order', () => {
    expect(judgeNow({ output: { b: [1, 2], a: 'x' }, expected: { a: 'x', b: [1, 2] } }, {}).pass).toBe(true);
    expect(judgeNow({ output: { a: 'x', b: [2, 1] }, expected: { a: 'x', b: [1, 2] } }, {}).pass).toBe(false);
  });

  it('uses the configured expected value when the case gives none, and says when there is neither', () => {
    expect(judgeNow({ output: 'yes' }, { expected: 'YES' }).pass).toBe(true);
    expect(() => judgeNow({ output: 'yes' }, {})).toThrow(
      /give the test case an 'expected' value or set 'expected'/,
    );
  });
});
