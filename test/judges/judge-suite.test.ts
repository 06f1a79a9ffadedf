/**
 * One suite over every judge (as Kysely runs one suite per dialect): the promises evaluation
 * reports and routers rely on, checked against each judge's own good and bad fixtures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import contains from '../../plugins/judge-contains/index.ts';
import equals from '../../plugins/judge-equals/index.ts';
import jsonSchema from '../../plugins/judge-json-schema/index.ts';
import keywordRubric from '../../plugins/judge-keyword-rubric/index.ts';
import llm from '../../plugins/judge-llm/index.ts';
import regex from '../../plugins/judge-regex/index.ts';
import semantic from '../../plugins/judge-semantic-similarity/index.ts';
import type { JudgeInput, JudgePlugin, Verdict } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { wordOverlapLlm } from './word-overlap-llm.ts';

interface JudgeCase {
  judge: JudgePlugin;
  config: Record<string, unknown>;
  good: JudgeInput;
  bad: JudgeInput;
}

const ctx = { llm: wordOverlapLlm, signal: new AbortController().signal, log: () => {} };

const cases: JudgeCase[] = [
  {
    judge: equals,
    config: {},
    good: { output: '  Paris ', expected: 'paris' },
    bad: { output: 'Lyon', expected: 'paris' },
  },
  {
    judge: contains,
    config: { phrases: ['refund', 'within 5 days'] },
    good: { output: 'Your refund will arrive within 5 days.' },
    bad: { output: 'Please contact support.' },
  },
  {
    judge: regex,
    config: { pattern: '^ORD-\\d{6}$' },
    good: { output: 'ORD-123456' },
    bad: { output: 'order 12' },
  },
  {
    judge: jsonSchema,
    config: {
      schema: {
        type: 'object',
        required: ['intent'],
        properties: { intent: { enum: ['refund', 'status'] } },
      },
    },
    good: { output: '{"intent":"refund"}' },
    bad: { output: '{"intent":"weather"}' },
  },
  {
    judge: keywordRubric,
    config: {
      keywords: [
        { term: 'order number', required: true },
        { term: 'sorry', weight: 2 },
        { term: 'refund' },
        { term: 'stupid', forbidden: true },
      ],
    },
    good: { output: 'Sorry about that! Please send your order number and we will refund you.' },
    bad: { output: 'Send your order number.' },
  },
  {
    judge: semantic,
    config: {},
    good: {
      output: 'You can return the shoes within 30 days for a full refund.',
      expected: 'Shoes can be returned within 30 days for a full refund.',
    },
    bad: {
      output: 'Our store opens at nine in the morning.',
      expected: 'Shoes can be returned within 30 days for a full refund.',
    },
  },
  {
    judge: llm,
    config: {},
    good: {
      input: 'Capital of France?',
      output: 'The capital of France is Paris.',
      expected: 'the capital is Paris',
    },
    bad: { input: 'Capital of France?', output: 'I like trains.', expected: 'the capital is Paris' },
  },
];

function thresholdOf(c: JudgeCase): number {
  const schema = c.judge.manifest.config as { properties: { threshold: { default: number } } };
  return (c.config.threshold as number | undefined) ?? schema.properties.threshold.default;
}

function expectWellFormed(v: Verdict, threshold: number): void {
  expect(v.score).toBeGreaterThanOrEqual(0);
  expect(v.score).toBeLessThanOrEqual(1);
  expect(v.pass).toBe(v.score >= threshold);
  expect(v.reasoning.trim()).not.toBe('');
}

describe.each(cases)('$judge.manifest.id', (c) => {
  const { judge, config } = c;

  it('has a complete manifest', () => {
    expect(judge.manifest).toMatchObject({ kind: 'judge', version: '1.0.0', category: 'Judges' });
    expect(judge.manifest.id).toMatch(/^judge\/[a-z0-9-]+$/);
    const props = (judge.manifest.config as { properties: Record<string, { description?: string }> })
      .properties;
    for (const [name, schema] of Object.entries(props))
      expect(schema.description, `config.${name}`).toBeTruthy();
    expect(thresholdOf(c)).toBeGreaterThan(0);
  });

  it('scores the good fixture above the bad one, passing it and failing the other', async () => {
    const good = await judge.judge(c.good, config, ctx);
    const bad = await judge.judge(c.bad, config, ctx);
    expectWellFormed(good, thresholdOf(c));
    expectWellFormed(bad, thresholdOf(c));
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.pass).toBe(true);
    expect(bad.pass).toBe(false);
  });

  it('gives the same verdict for the same input', async () => {
    expect(await judge.judge(c.good, config, ctx)).toEqual(await judge.judge(c.good, config, ctx));
    expect(await judge.judge(c.bad, config, ctx)).toEqual(await judge.judge(c.bad, config, ctx));
  });

  it('keeps score in 0..1 and pass consistent with the threshold for any output and threshold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.jsonValue()),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        async (output, threshold) => {
          const v = await judge.judge({ ...c.good, output }, { ...config, threshold }, ctx);
          expectWellFormed(v, threshold);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('rejects an unknown setting, naming it', async () => {
    const attempt = async () => judge.judge(c.good, { ...config, treshold: 0.5 }, ctx);
    await expect(attempt()).rejects.toThrow(UserError);
    await expect(attempt()).rejects.toThrow(/treshold.*not a known setting/);
  });
});
