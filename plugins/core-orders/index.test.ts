import { describe, expect, it } from 'vitest';
import { memoryData } from '../../test/fakes/memory-data.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import orders from './index.ts';

function shop() {
  const store = memoryData(['orders', 'products', 'customers'], {
    customers: [
      { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'cus_bob', name: 'Bob', email: 'bob@example.com' },
    ],
    products: [
      { id: 'p_mug', name: 'Mug', price: 12.1, currency: 'EUR', stock: 3 },
      { id: 'p_tea', name: 'Tea', price: 0.7, currency: 'EUR' },
      { id: 'p_hat', name: 'Hat', price: 20, currency: 'USD' },
    ],
    orders: [
      { id: 'ord_1', customerId: 'cus_ada', status: 'shipped', total: 10, createdAt: '2025-01-01T00:00:00Z' },
      { id: 'ord_2', customerId: 'cus_ada', status: 'pending', total: 20, createdAt: '2025-03-01T00:00:00Z' },
      { id: 'ord_3', customerId: 'cus_bob', status: 'pending', total: 30, createdAt: '2025-02-01T00:00:00Z' },
    ],
  });
  return { ...store, ctx: testContext({ data: store.data }) };
}

describe('core/orders', () => {
  it('finds an order by id', async () => {
    const { ctx } = shop();
    expect(await orders.run({ action: 'get-order', orderId: ' ord_3 ' }, ctx)).toMatchObject({
      branch: 'found',
      order: { id: 'ord_3', total: 30 },
    });
    expect(await orders.run({ action: 'get-order', orderId: 'ord_404' }, ctx)).toEqual({
      branch: 'not-found',
      orderId: 'ord_404',
    });
  });

  it('answers someone else’s order exactly like a missing one', async () => {
    const { ctx } = shop();
    expect(
      await orders.run({ action: 'get-order', orderId: 'ord_3', customerEmail: 'ADA@example.com' }, ctx),
    ).toEqual({ branch: 'not-found', orderId: 'ord_3' });
    expect(
      await orders.run({ action: 'get-order', orderId: 'ord_1', customerEmail: 'ADA@example.com' }, ctx),
    ).toMatchObject({ branch: 'found' });
  });

  it('lists a customer’s orders newest first, optionally by status', async () => {
    const { ctx } = shop();
    const all = await orders.run({ action: 'find-orders', customerEmail: 'ada@example.com' }, ctx);
    expect((all.orders as Array<{ id: string }>).map((o) => o.id)).toEqual(['ord_2', 'ord_1']);
    const shipped = await orders.run(
      { action: 'find-orders', customerId: 'cus_ada', status: 'shipped', limit: 1 },
      ctx,
    );
    expect((shipped.orders as Array<{ id: string }>).map((o) => o.id)).toEqual(['ord_1']);
    expect(await orders.run({ action: 'find-orders', customerEmail: 'nobody@example.com' }, ctx)).toEqual({
      branch: 'not-found',
      orders: [],
    });
  });

  it('creates an order priced from the products table, in cents, and takes stock', async () => {
    const { ctx, rows } = shop();
    const result = await orders.run(
      {
        action: 'create-order',
        customerEmail: 'ada@example.com',
        items: [
          { productId: 'p_mug', quantity: 3 },
          { productId: 'p_tea', quantity: 3 },
        ],
      },
      ctx,
    );
    expect(result).toMatchObject({
      branch: 'created',
      created: true,
      order: { customerId: 'cus_ada', total: 38.4, currency: 'EUR', status: 'pending' },
    });
    expect((result.order as { items: unknown[] }).items).toEqual([
      { productId: 'p_mug', name: 'Mug', unitPrice: 12.1, quantity: 3, lineTotal: 36.3 },
      { productId: 'p_tea', name: 'Tea', unitPrice: 0.7, quantity: 3, lineTotal: 2.1 },
    ]);
    expect(rows.products!.find((p) => p.id === 'p_mug')!.stock).toBe(0);
    expect(rows.orders).toHaveLength(4);
  });

  it('returns the first order when the same run step is replayed', async () => {
    const { ctx, rows } = shop();
    const config = {
      action: 'create-order',
      customerId: 'cus_bob',
      items: [{ productId: 'p_tea', quantity: 1 }],
    };
    const first = await orders.run(config, ctx);
    const again = await orders.run(config, ctx);
    expect(again).toMatchObject({ created: false, order: { id: (first.order as { id: string }).id } });
    expect(rows.orders).toHaveLength(4);
  });

  it('refuses orders it cannot fulfil, saying why', async () => {
    const { ctx, rows } = shop();
    const create = (items: unknown[], who: Record<string, string> = { customerId: 'cus_ada' }) =>
      orders.run({ action: 'create-order', ...who, items }, ctx);
    await expect(create([{ productId: 'p_mug', quantity: 4 }])).rejects.toThrow(
      "only 3 of 'Mug' in stock, 4 asked",
    );
    await expect(create([{ productId: 'p_nope', quantity: 1 }])).rejects.toThrow(
      "items[0]: product 'p_nope' does not exist",
    );
    await expect(
      create([
        { productId: 'p_mug', quantity: 1 },
        { productId: 'p_hat', quantity: 1 },
      ]),
    ).rejects.toThrow('items[1] is priced in USD but the order is in EUR');
    await expect(
      create([{ productId: 'p_mug', quantity: 1 }], { customerEmail: 'ghost@example.com' }),
    ).rejects.toThrow("customer 'ghost@example.com' not found");
    await expect(create([{ productId: 'p_mug', quantity: 0 }])).rejects.toThrow(
      'config.items[0].quantity must be >= 1',
    );
    expect(rows.orders).toHaveLength(3);
  });

  it('says what a lookup is missing', async () => {
    const { ctx } = shop();
    await expect(orders.run({ action: 'get-order' }, ctx)).rejects.toThrow(
      'core/orders: get-order needs orderId',
    );
    await expect(orders.run({ action: 'find-orders' }, ctx)).rejects.toThrow(
      'give customerId or customerEmail',
    );
    await expect(orders.run({ action: 'cancel-order' }, ctx)).rejects.toThrow(/config.action must be one of/);
  });
});
