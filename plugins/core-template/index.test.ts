import { describe, expect, it } from 'vitest';
import { UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import template from './index.ts';

const ctx = testContext({ nodeId: 'reply' });
const render = async (text: string, data: unknown, extra: Record<string, unknown> = {}) =>
  (await template.run({ template: text, data, ...extra }, ctx)).text;

describe('core/template', () => {
  it('fills in names and dotted paths', async () => {
    expect(
      await render('Hi [[name]], order [[order.id]] is [[ order.status ]].', {
        name: 'Ann',
        order: { id: 'ORD-1', status: 'shipped' },
      }),
    ).toBe('Hi Ann, order ORD-1 is shipped.');
  });

  it('uses the fallback when a value is missing or empty and reports what was missing', async () => {
    const out = await template.run({ template: 'Hi [[name | there]] [[surname]]!', data: { name: '' } }, ctx);
    expect(out).toEqual({ text: 'Hi there !', missing: ['surname'] });
  });

  it('repeats sections for lists with loop facts and removes standalone tag lines', async () => {
    const text =
      'Your items:\n[[#items]]\n[[@number]]. [[name]] x[[qty]][[^@last]],[[/@last]]\n[[/items]]\nThanks';
    expect(
      await render(text, {
        items: [
          { name: 'Mug', qty: 2 },
          { name: 'Tea', qty: 1 },
        ],
      }),
    ).toBe('Your items:\n1. Mug x2,\n2. Tea x1\nThanks');
  });

  it('renders [[.]] for lists of plain values and reads outer names inside sections', async () => {
    expect(await render('[[#tags]][[.]]-[[shop]] [[/tags]]', { shop: 'S', tags: ['a', 'b'] })).toBe(
      'a-S b-S',
    );
  });

  it('shows inverted sections for empty values and truthy sections once', async () => {
    const text = '[[#order]]Order [[id]][[/order]][[^order]]No order found[[/order]]';
    expect(await render(text, { order: { id: 'ORD-9' } })).toBe('Order ORD-9');
    expect(await render(text, { order: null })).toBe('No order found');
    expect(await render('[[^hits]]none[[/hits]]', { hits: [] })).toBe('none');
  });

  it('leaves {{ }} alone, drops comments and joins lists', async () => {
    expect(await render('{{ raw }} [[! internal note ]][[list]]', { list: ['a', 'b'] })).toBe(
      '{{ raw }} a, b',
    );
  });

  it('escapes html only when asked', async () => {
    expect(await render('[[v]]', { v: '<b>&' })).toBe('<b>&');
    expect(await render('[[v]]', { v: '<b>&' }, { escape: 'html' })).toBe('&lt;b&gt;&amp;');
  });

  it('fails in strict mode naming the missing values', async () => {
    await expect(async () =>
      template.run({ template: '[[a]] [[b.c]]', data: { a: 1 }, strict: true }, ctx),
    ).rejects.toThrow(/\[\[b\.c\]\]/);
  });

  it('says which section is not closed properly', async () => {
    await expect(async () => render('[[#items]]x', {})).rejects.toThrow(UserError);
    await expect(async () => render('[[#items]]x', {})).rejects.toThrow(/\[\[#items\]\] is never closed/);
    await expect(async () => render('[[#a]]x[[/b]]', {})).rejects.toThrow(/\[\[\/b\]\] closes \[\[#a\]\]/);
  });
});
