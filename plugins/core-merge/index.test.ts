import { describe, expect, it } from 'vitest';
import { UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import merge from './index.ts';

const ctx = testContext({ nodeId: 'merge' });

describe('core/merge', () => {
  it('merges nested objects with later values winning', async () => {
    const out = await merge.run(
      {
        items: [
          { name: 'Ann', address: { city: 'Leeds', zip: 'LS1' } },
          { address: { city: 'York' }, vip: true },
        ],
      },
      ctx,
    );
    expect(out).toEqual({
      result: { name: 'Ann', address: { city: 'York', zip: 'LS1' }, vip: true },
      merged: 2,
    });
  });

  it('replaces, concatenates or unites lists', async () => {
    const items = [{ tags: ['a', 'b'] }, { tags: ['b', 'c'] }];
    expect((await merge.run({ items }, ctx)).result.tags).toEqual(['b', 'c']);
    expect((await merge.run({ items, arrays: 'concat' }, ctx)).result.tags).toEqual(['a', 'b', 'b', 'c']);
    expect((await merge.run({ items, arrays: 'union' }, ctx)).result.tags).toEqual(['a', 'b', 'c']);
  });

  it('skips null entries and never changes its inputs', async () => {
    const first = { a: { b: 1 } };
    const out = await merge.run({ items: [first, null, { a: { c: 2 } }] }, ctx);
    expect(out).toEqual({ result: { a: { b: 1, c: 2 } }, merged: 2 });
    expect(first).toEqual({ a: { b: 1 } });
  });

  it('refuses to pollute prototypes', async () => {
    const evil = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}');
    const out = await merge.run({ items: [{}, evil] }, ctx);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out.result)).toEqual([]);
  });

  it('says which item is not an object', async () => {
    await expect(async () => merge.run({ items: [{}, 'text'] }, ctx)).rejects.toThrow(UserError);
    await expect(async () => merge.run({ items: [{}, 'text'] }, ctx)).rejects.toThrow(/item 2 is string/);
  });
});
