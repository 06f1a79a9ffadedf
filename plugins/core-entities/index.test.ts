import { describe, expect, it } from 'vitest';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import entities from './index.ts';

const base = testContext({ nodeId: 'extract' });
const products = [
  { id: 'P-MUG', name: 'Ceramic Mug', aliases: ['mug'], price: 12 },
  { id: 'P-TMUG', name: 'Travel Mug', price: 20 },
  { id: 'P-KET', name: 'Electric Kettle', aliases: ['kettle'], price: 45 },
];
const extract = (text: string, extra: Record<string, unknown> = {}) =>
  entities.run({ text, today: '2025-03-10', products, ...extra }, base);

describe('core/entities', () => {
  it('finds an order id, date, phone and email in one support message', async () => {
    const out = await extract(
      'Order ORD-12345 from 2025-03-04 never came. Call +1 (555) 123-4567 or mail Ann.Lee@Example.com',
    );
    expect(out).toMatchObject({
      orderId: 'ORD-12345',
      date: '2025-03-04',
      phone: '+15551234567',
      email: 'ann.lee@example.com',
      found: ['email', 'orderId', 'date', 'phone'],
      count: 4,
    });
  });

  it('reads amounts with symbols, codes and words, including decimal commas', async () => {
    const out = await extract('Charged $25.99 twice, then €10,50, 1,250 GBP and 30 dollars');
    expect(out.amounts.map(({ value, currency }) => [value, currency])).toEqual([
      [25.99, 'USD'],
      [10.5, 'EUR'],
      [1250, 'GBP'],
      [30, 'USD'],
    ]);
    expect((await extract('it was $5', { currency: 'CAD' })).amount).toEqual({
      value: 5,
      currency: 'CAD',
      text: '$5',
    });
  });

  it('reads relative and written dates from the reference day', async () => {
    const out = await extract('today, tomorrow, 14/03/2025, March 5th, 2025, 5 May, next friday, in 3 days');
    expect(out.dates.map((d) => d.date)).toEqual([
      '2025-03-10',
      '2025-03-11',
      '2025-03-14',
      '2025-03-05',
      '2025-05-05',
      '2025-03-14',
      '2025-03-13',
    ]);
  });

  it('uses the configured order for ambiguous numeric dates and rejects impossible ones', async () => {
    expect((await extract('on 03/04/2025')).date).toBe('2025-04-03');
    expect((await extract('on 03/04/2025', { dateOrder: 'mdy' })).date).toBe('2025-03-04');
    expect((await extract('on 2025-02-30')).dates).toEqual([]);
  });

  it('matches catalogue products with plurals, aliases and quantities, preferring longer names', async () => {
    const out = await extract('I want 2 travel mugs, three mugs and a kettle');
    expect(out.products.map((p) => [p.id, p.quantity, p.text])).toEqual([
      ['P-TMUG', 2, 'travel mugs'],
      ['P-MUG', 3, 'mugs'],
      ['P-KET', 1, 'kettle'],
    ]);
    expect(out.product).toMatchObject({ name: 'Travel Mug', price: 20 });
  });

  it('reads the catalogue from an asset file', async () => {
    const read = async (name: string) => (name === 'products.json' ? { products: ['Gift Card'] } : undefined);
    const out = await entities.run(
      { text: 'a gift card please', catalogue: 'products.json' },
      { ...base, assets: { read } },
    );
    expect(out.product).toMatchObject({ id: 'Gift Card', name: 'Gift Card', quantity: 1 });
    await expect(entities.run({ text: 'x', catalogue: 'products.json' }, base)).rejects.toThrow(NodeError);
  });

  it('honours a custom order id pattern and the types filter', async () => {
    const out = await extract('ticket #A-778 and ORD-12345, ann@example.com', {
      orderIdPattern: '#?A-\\d{3}',
      types: ['orderId'],
    });
    expect(out.orderIds).toEqual(['#A-778']);
    expect(out.emails).toEqual([]);
    await expect(extract('x', { orderIdPattern: '(' })).rejects.toThrow(UserError);
  });

  it('does not mistake dates or order ids for phone numbers and finds nothing in plain text', async () => {
    expect((await extract('ORD-1234567 on 2025-03-04')).phones).toEqual([]);
    expect(await extract('hello there')).toMatchObject({
      count: 0,
      found: [],
      email: null,
      product: null,
      date: null,
    });
  });
});
