import { describe, expect, it } from 'vitest';
import { UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import transform from './index.ts';

const ctx = testContext({ nodeId: 'shape' });

const orders = [
  {
    id: 'ORD-1',
    status: 'shipped',
    total: 20,
    customer: { name: 'ann lee', email: 'ann@example.com' },
    items: ['mug', 'tea'],
  },
  {
    id: 'ORD-2',
    status: 'Pending',
    total: 7.5,
    customer: { name: 'bob', email: 'bob@example.com' },
    items: [],
  },
  { id: 'ORD-3', status: 'shipped', total: 99.999, customer: { name: 'cy' }, items: ['kettle'] },
];

describe('core/transform', () => {
  it('picks, renames and computes fields on an object', async () => {
    const out = await transform.run(
      {
        data: orders[0],
        pick: ['id', 'customer.name'],
        rename: { id: 'orderId' },
        fields: {
          name: { from: 'customer.name', format: 'title' },
          itemCount: { from: 'items', format: 'length' },
          channel: { value: 'chat' },
        },
      },
      ctx,
    );
    expect(out).toEqual({
      result: {
        orderId: 'ORD-1',
        customer: { name: 'ann lee' },
        name: 'Ann Lee',
        itemCount: 2,
        channel: 'chat',
      },
      count: 1,
    });
  });

  it('filters, sorts and limits a list', async () => {
    const out = await transform.run(
      { data: orders, where: { status: 'SHIPPED' }, sortBy: '-total', limit: 1, pick: ['id', 'total'] },
      ctx,
    );
    expect(out).toEqual({ result: [{ id: 'ORD-3', total: 99.999 }], count: 1 });
  });

  it('returns the first item or null', async () => {
    expect(
      await transform.run({ data: orders, where: { status: 'pending' }, first: true, pick: ['id'] }, ctx),
    ).toEqual({ result: { id: 'ORD-2' }, count: 1 });
    expect(await transform.run({ data: orders, where: { status: 'lost' }, first: true }, ctx)).toEqual({
      result: null,
      count: 0,
    });
  });

  it('omits paths and fills defaults for missing values', async () => {
    const out = await transform.run(
      {
        data: orders[2],
        omit: ['items', 'customer'],
        fields: {
          email: { from: 'customer.email', default: 'unknown' },
          total: { from: 'total', format: 'money' },
        },
      },
      ctx,
    );
    expect(out.result).toEqual({ id: 'ORD-3', status: 'shipped', total: '100.00', email: 'unknown' });
  });

  it('chains formats and never mutates its input', async () => {
    const input = { tags: [' A ', 'b'] };
    const out = await transform.run(
      {
        data: input,
        fields: {
          label: { from: 'tags', format: ['first', 'trim', 'lower'] },
          all: { from: 'tags', format: 'join' },
        },
      },
      ctx,
    );
    expect(out.result).toEqual({ tags: [' A ', 'b'], label: 'a', all: ' A , b' });
    expect(input).toEqual({ tags: [' A ', 'b'] });
  });

  it('treats missing data as an empty result and rejects text', async () => {
    expect(await transform.run({ data: null }, ctx)).toEqual({ result: null, count: 0 });
    await expect(async () => transform.run({ data: 'oops' }, ctx)).rejects.toThrow(UserError);
  });

  it('names the field with an unknown format', async () => {
    await expect(async () =>
      transform.run({ data: {}, fields: { x: { value: 1, format: 'shout' } } }, ctx),
    ).rejects.toThrow(/field "x" uses unknown format "shout"/);
  });

  it('ignores prototype-polluting paths', async () => {
    await transform.run({ data: { a: 1 }, fields: { '__proto__.polluted': { value: true } } }, ctx);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('core/transform arithmetic and totals', () => {
  it('computes line totals and sums them, formatted as money', async () => {
    const lines = [
      { name: 'Mug', price: 14, quantity: 2 },
      { name: 'Tea', price: 19.5, quantity: 3 },
      { name: 'Towel', price: '9.10', quantity: 1 },
    ];
    const out = await transform.run(
      {
        data: lines,
        fields: {
          lineTotal: { from: 'price', times: 'quantity' },
          shown: { from: 'price', times: 'quantity', format: 'money' },
          plusTax: { from: 'price', plus: 1 },
        },
        sum: { total: 'lineTotal', units: 'quantity', totalText: { of: 'lineTotal', format: 'money' } },
      },
      ctx,
    );
    expect(
      (out.result as Array<Record<string, unknown>>).map((r) => [r.lineTotal, r.shown, r.plusTax]),
    ).toEqual([
      [28, '28.00', 15],
      [58.5, '58.50', 20.5],
      [9.1, '9.10', 10.1],
    ]);
    expect(out.sums).toEqual({ total: 95.6, units: 6, totalText: '95.60' });
  });
});
