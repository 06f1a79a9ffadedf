/**
 * Creates an order from product ids and quantities. Prices come from the products table, never
 * from the caller (a chat user cannot talk the price down), and money is summed in cents.
 * Replays with the same idempotency key return the first order instead of creating another.
 */

import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { requireCustomer } from './find-customer.ts';

/** One line of a new order. */
export interface OrderItemInput {
  productId: string;
  quantity: number;
}

/** What creating an order needs. */
export interface CreateOrderInput {
  customerId?: string;
  customerEmail?: string;
  items: OrderItemInput[];
  note?: string;
}

/** The new (or replayed) order and whether this call created it. */
export async function createOrder(
  ctx: NodeContext,
  input: CreateOrderInput,
): Promise<{ order: Record<string, unknown>; created: boolean }> {
  const data = ctx.data!;
  const replay = (await data.query('orders', { idempotencyKey: ctx.idempotencyKey }))[0];
  if (replay) return { order: replay, created: false };
  if (!input.items?.length)
    throw new UserError('invalid-config', 'core/orders: create-order needs at least one item');
  const customer = await requireCustomer(data, input);
  const lines: Array<Record<string, unknown>> = [];
  const stockUpdates: Array<[string, number]> = [];
  let totalCents = 0;
  let currency: string | undefined;
  for (const [i, item] of input.items.entries()) {
    const product = (await data.query('products', { id: item.productId }))[0];
    if (!product || product.active === false)
      throw new UserError(
        'unknown-product',
        `core/orders: items[${i}]: product '${item.productId}' does not exist`,
      );
    const price = Number(product.price);
    if (!Number.isFinite(price) || price < 0)
      throw new UserError('invalid-product', `core/orders: product '${item.productId}' has no valid price`);
    const productCurrency = String(product.currency ?? 'USD').toUpperCase();
    if (currency && productCurrency !== currency) {
      throw new UserError(
        'mixed-currency',
        `core/orders: items[${i}] is priced in ${productCurrency} but the order is in ${currency}`,
      );
    }
    currency = productCurrency;
    if (typeof product.stock === 'number') {
      if (product.stock < item.quantity) {
        throw new UserError(
          'out-of-stock',
          `core/orders: only ${product.stock} of '${String(product.name ?? item.productId)}' in stock, ${item.quantity} asked`,
        );
      }
      stockUpdates.push([item.productId, product.stock - item.quantity]);
    }
    const unitCents = Math.round(price * 100);
    totalCents += unitCents * item.quantity;
    lines.push({
      productId: item.productId,
      name: product.name ?? item.productId,
      unitPrice: unitCents / 100,
      quantity: item.quantity,
      lineTotal: (unitCents * item.quantity) / 100,
    });
  }
  const order = await data.insert('orders', {
    customerId: customer.id,
    items: lines,
    total: totalCents / 100,
    currency,
    status: 'pending',
    note: input.note,
    createdAt: new Date().toISOString(),
    idempotencyKey: ctx.idempotencyKey,
  });
  for (const [productId, stock] of stockUpdates) await data.update('products', productId, { stock });
  ctx.log(`created order ${String(order.id)} for customer ${String(customer.id)}`, {
    total: order.total,
    currency,
  });
  return { order, created: true };
}
