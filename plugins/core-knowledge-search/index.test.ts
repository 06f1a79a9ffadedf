import { describe, expect, it } from 'vitest';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import search from './index.ts';
import { stem } from './terms.ts';

const base = testContext({ nodeId: 'search' });

const documents = [
  {
    id: 'shipping',
    question: 'How long does shipping take?',
    answer: 'Standard shipping takes 3-5 business days.',
    tags: ['delivery'],
  },
  {
    id: 'returns',
    question: 'How do I return an item?',
    answer: 'Start a return under My Account and print the label.',
  },
  {
    id: 'refunds',
    title: 'When will I get my refund?',
    text: 'Refunds reach your card within 5 days of us receiving the return.',
    keywords: 'money back',
  },
  { id: 'password', name: 'Reset your password', content: 'Use Forgot password on the sign-in page.' },
];
const ask = (query: string, extra: Record<string, unknown> = {}) =>
  search.run({ query, documents, ...extra }, base);

describe('core/knowledge-search', () => {
  it('finds the answer sharing the question words, best first', async () => {
    const out = await ask('how long will delivery take?');
    expect(out.branch).toBe('found');
    expect(out.best).toMatchObject({
      id: 'shipping',
      title: 'How long does shipping take?',
      answer: 'Standard shipping takes 3-5 business days.',
    });
    expect(out.hits[0]).toBe(out.best);
  });

  it('matches word forms and reads every usual field name', async () => {
    expect((await ask('returning items')).best?.id).toBe('returns');
    expect((await ask('I want my money back')).best?.id).toBe('refunds');
    expect((await ask('forgot my password')).best).toMatchObject({
      id: 'password',
      answer: 'Use Forgot password on the sign-in page.',
    });
  });

  it('reports none for unrelated questions', async () => {
    const out = await ask('do you sell pizza?');
    expect(out).toMatchObject({ hits: [], best: null, count: 0, branch: 'none' });
    expect((await ask('')).branch).toBe('none');
  });

  it('scores hits from 0 to 1, sorted, and honours topK and minScore', async () => {
    const all = await ask('return refund shipping password', { minScore: 0, topK: 10 });
    expect(all.count).toBe(4);
    for (const hit of all.hits) expect(hit.score).toBeGreaterThan(0);
    for (const hit of all.hits) expect(hit.score).toBeLessThanOrEqual(1);
    expect(all.hits.map((h) => h.bm25)).toEqual([...all.hits.map((h) => h.bm25)].sort((a, b) => b - a));
    expect((await ask('return refund shipping password', { minScore: 0, topK: 2 })).count).toBe(2);
    expect((await ask('return refund shipping password', { minScore: 0.99 })).count).toBe(0);
  });

  it('reads documents from an asset file in any usual wrapper', async () => {
    const read = async (name: string) => (name === 'faq.json' ? { entries: documents } : null);
    const out = await search.run(
      { query: 'reset password', source: 'faq.json' },
      { ...base, assets: { read } },
    );
    expect(out.best?.id).toBe('password');
    await expect(
      search.run({ query: 'x', source: 'other.json' }, { ...base, assets: { read } }),
    ).rejects.toThrow(/"other.json" holds no list/);
    await expect(search.run({ query: 'x', source: 'faq.json' }, base)).rejects.toThrow(NodeError);
    await expect(search.run({ query: 'x' }, base)).rejects.toThrow(UserError);
  });

  it('stems word forms to the same term', () => {
    expect(new Set(['return', 'returns', 'returned', 'returning'].map(stem)).size).toBe(1);
    expect(new Set(['ship', 'shipping', 'shipped', 'ships'].map(stem)).size).toBe(1);
    expect(new Set(['charge', 'charged', 'charges', 'charging'].map(stem)).size).toBe(1);
  });
});
