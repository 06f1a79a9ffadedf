import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import regex from './index.ts';
import { unsafeReason } from './safe-pattern.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  regex.judge(input, config, ctx) as Verdict;

describe('judge/regex', () => {
  it('passes a matching output and says where it matched', () => {
    const v = judgeNow({ output: 'Your code is 4821.' }, { pattern: '\\b\\d{4}\\b' });
    expect(v).toMatchObject({
      score: 1,
      pass: true,
      reasoning: '/\\b\\d{4}\\b/ matched "4821" at position 13',
    });
  });

  it('in no-match mode fails an output that matches', () => {
    const v = judgeNow(
      { output: 'card 4111 1111 1111 1111' },
      { pattern: '(?:\\d{4} ?){4}', mode: 'no-match' },
    );
    expect(v.pass).toBe(false);
    expect(v.reasoning).toContain('which is not allowed');
  });

  it('honours flags and refuses stateful or unknown ones', () => {
    expect(judgeNow({ output: 'HELLO' }, { pattern: 'hello', flags: 'i' }).pass).toBe(true);
    expect(() => judgeNow({ output: 'x' }, { pattern: 'x', flags: 'g' })).toThrow(
      "config.flags 'g' may only use i, m, s and u",
    );
  });

  it.each([
    '(a+)+$',
    '(a*)*b',
    '(x+x+)+y',
    '(.*a){12}',
    '(a|ab)*c',
    '(\\w+\\s?)*$',
    '(.|\\s)*end',
    '(a)\\1',
    '((ab)*)+',
  ])('refuses the catastrophic pattern %s', (pattern) => {
    expect(() => judgeNow({ output: 'aaaa' }, { pattern })).toThrow(/refused/);
  });

  it.each([
    '^\\d{3}-\\d{4}$',
    '(cat|dog)s?',
    '[a-z]+@[a-z]+\\.com',
    '(ab)+',
    '(?:Mr|Ms)\\.? [A-Z][a-z]+',
    '(?<year>\\d{4})-\\d{2}',
    '(?:\\d{4} ?){4}',
    '(\\d{4})+',
  ])('accepts the ordinary pattern %s', (pattern) => {
    expect(unsafeReason(pattern)).toBeUndefined();
  });

  it('fails an output longer than the limit without scanning it', () => {
    const v = judgeNow({ output: 'a'.repeat(5000) }, { pattern: 'a', maxInputLength: 1000 });
    expect(v).toMatchObject({
      pass: false,
      reasoning: 'output is 5000 characters, over the 1000 the judge scans',
    });
  });

  it('reports an invalid pattern clearly', () => {
    expect(() => judgeNow({ output: 'x' }, { pattern: '([a-z' })).toThrow(
      /pattern \/\(\[a-z\/ is not a valid regular expression/,
    );
  });

  it('requires a pattern', () => {
    expect(() => judgeNow({ output: 'x' }, {})).toThrow('judge/regex: config.pattern is required');
  });
});
