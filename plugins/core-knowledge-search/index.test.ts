import { describe, expect, it } from 'vitest';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import search from './index.ts';
import { searchWords, stem } from './terms.ts';

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

  it('asks a host full-text search for candidates instead of reading the whole source', async () => {
    const asked: unknown[][] = [];
    const assets = {
      read: async () => {
        throw new Error('the whole source was read');
      },
      search: async (name: string, query: string, options?: { limit?: number }) => {
        asked.push([name, query, options]);
        return documents.filter((d) => d.id === 'password' || d.id === 'returns');
      },
    };
    const out = await search.run(
      { query: 'Hi! Please, reset my password', source: 'kb.json' },
      { ...base, assets },
    );
    expect(out).toMatchObject({ branch: 'found', best: { id: 'password' } });
    expect(asked).toEqual([['kb.json', 'reset password', { limit: 50 }]]);
    const long = await search.run({ query: 'password '.repeat(400), source: 'kb.json' }, { ...base, assets });
    expect(long.best?.id).toBe('password');
    expect(asked[1]?.[1]).toHaveLength(2_000);
  });

  it('reads the source when the host search has no documents under that name', async () => {
    const read = async (name: string) => (name === 'faq.json' ? { entries: documents } : null);
    const out = await search.run(
      { query: 'how long will delivery take?', source: 'faq.json' },
      { ...base, assets: { read, search: async () => null } },
    );
    expect(out.best?.id).toBe('shipping');
    const none = await search.run(
      { query: 'reset password', source: 'faq.json' },
      { ...base, assets: { read, search: async () => [] } },
    );
    expect(none).toMatchObject({ branch: 'none', hits: [] });
  });

  it('ranks candidates as it ranks the whole set: the same best answer, found or none alike', async () => {
    const filler = Array.from({ length: 300 }, (_, i) => ({
      id: `a${i}`,
      title: `Article ${i} about order ${i % 7 ? 'tracking' : 'invoices'}`,
      answer: `Your order number ${i} can be tracked from the account page. Invoices go out monthly.`,
    }));
    const all = [...filler, ...documents];
    const read = async () => all;
    // What the host's index does: documents sharing any word with the question.
    const candidates = async (_name: string, query: string) => {
      const wanted = new Set(searchWords(query).toLowerCase().split(' '));
      return all.filter((d) =>
        JSON.stringify(d)
          .toLowerCase()
          .split(/\W+/)
          .some((w) => wanted.has(w)),
      );
    };
    const expected = {
      'how do I reset my password': 'password',
      'when will I get my refund': 'refunds',
      'reset the password for tracking my order': 'password',
      'is the shop open on sunday?': undefined,
      'do you sell pizza?': undefined,
    };
    for (const [query, id] of Object.entries(expected)) {
      const whole = await search.run({ query, source: 'kb.json' }, { ...base, assets: { read } });
      const picked = await search.run(
        { query, source: 'kb.json' },
        { ...base, assets: { read, search: candidates } },
      );
      expect(picked.branch, query).toBe(whole.branch);
      expect(picked.best?.id, query).toBe(whole.best?.id);
      expect(whole.best?.id, query).toBe(id);
    }
  });

  it('keeps the words worth searching, as written', () => {
    expect(searchWords('Hi! Can you tell me where my Café order is, please?')).toBe('Café order');
    expect(searchWords('how do I ... the')).toBe('');
  });
});
