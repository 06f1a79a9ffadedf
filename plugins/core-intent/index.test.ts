import { describe, expect, it } from 'vitest';
import { UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import intent from './index.ts';

const ctx = testContext({ nodeId: 'classify' });

const intents = {
  track_order: [
    'where is my order',
    'track my package',
    'has my order shipped yet',
    'when will my parcel arrive',
    'order status',
  ],
  create_order: [
    'I want to buy a mug',
    'place an order',
    'I would like to order two kettles',
    'can I purchase this',
  ],
  refund: ['I want a refund', 'give me my money back', 'return this item', 'how do I return a product'],
  tech: ['the app keeps crashing', 'I cannot log in', 'password reset not working', 'error on checkout page'],
};
const classify = (text: unknown, threshold?: number) => intent.run({ text, intents, threshold }, ctx);

describe('core/intent', () => {
  it.each([
    ['Where is my order?', 'track_order'],
    ['wher is my ordr', 'track_order'],
    ['I would like to buy three mugs', 'create_order'],
    ['can I get my money back please', 'refund'],
    ['I cannot log in to the app', 'tech'],
  ])('recognises %j as %s', async (text, expected) => {
    const out = await classify(text);
    expect(out.intent).toBe(expected);
    expect(out.branch).toBe(expected);
    expect(out.confidence).toBe(out.scores[expected]);
  });

  it('falls back on messages unlike any example, but still reports the best guess', async () => {
    const out = await classify('what is the weather in paris');
    expect(out.intent).toBe('fallback');
    expect(out.branch).toBe('fallback');
    expect(out.bestGuess).not.toBeNull();
    expect(out.confidence).toBeLessThan(0.3);
  });

  it('falls back on empty or unknown-word messages with no guess', async () => {
    expect(await classify('')).toMatchObject({ intent: 'fallback', confidence: 0, bestGuess: null });
    expect(await classify('qqq zzz')).toMatchObject({ intent: 'fallback', bestGuess: null });
  });

  it('moves messages to fallback as the threshold rises', async () => {
    const loose = await classify('my parcel', 0.05);
    const strict = await classify('my parcel', 0.99);
    expect(loose.intent).toBe('track_order');
    expect(strict.intent).toBe('fallback');
    expect(strict.bestGuess).toBe('track_order');
  });

  it('scores every intent between 0 and 1 and scores an exact example highly', async () => {
    const out = await classify('place an order');
    for (const score of Object.values(out.scores)) expect(score).toBeGreaterThanOrEqual(0);
    expect(Object.keys(out.scores)).toEqual(Object.keys(intents));
    expect(out.scores.create_order).toBeGreaterThanOrEqual(0.7);
  });

  it('rejects missing or malformed examples with the intent named', async () => {
    await expect(async () => intent.run({ text: 'x', intents: {} }, ctx)).rejects.toThrow(UserError);
    await expect(async () => intent.run({ text: 'x', intents: { refund: [] } }, ctx)).rejects.toThrow(
      /"refund" needs a list/,
    );
    await expect(async () => intent.run({ text: 'x', intents: { fallback: ['x'] } }, ctx)).rejects.toThrow(
      /reserved/,
    );
  });
});
