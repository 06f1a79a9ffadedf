/**
 * core/orders: look up orders (by id, or a customer's latest) and create them, against the
 * tenant's own 'orders', 'products' and 'customers' tables. Lookups branch on found / not-found so a
 * flow can answer "I can't find that order" without an error path.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { requireData } from '../node-kit/require-data.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { createOrder, type OrderItemInput } from './create-order.ts';
import { findCustomer } from './find-customer.ts';

const ID = 'core/orders';

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: {
      type: 'string',
      enum: ['get-order', 'find-orders', 'create-order'],
      description: 'What to do.',
    },
    orderId: { type: 'string', minLength: 1, description: 'get-order: the order id the customer gave.' },
    customerId: { type: 'string', minLength: 1, description: 'The customer, by id.' },
    customerEmail: {
      type: 'string',
      minLength: 3,
      description: 'The customer, by email. With get-order, the order must be theirs (otherwise: not found).',
    },
    status: { type: 'string', minLength: 1, description: 'find-orders: only orders with this status.' },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'find-orders: at most this many, newest first.',
    },
    items: {
      type: 'array',
      minItems: 1,
      description: 'create-order: products and quantities.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'quantity'],
        properties: {
          productId: { type: 'string', minLength: 1, description: 'Product id.' },
          quantity: { type: 'integer', minimum: 1, description: 'How many.' },
        },
      },
    },
    note: { type: 'string', description: 'create-order: a note stored with the order.' },
  },
};

interface OrdersConfig {
  action: 'get-order' | 'find-orders' | 'create-order';
  orderId?: string;
  customerId?: string;
  customerEmail?: string;
  status?: string;
  limit: number;
  items?: OrderItemInput[];
  note?: string;
}

/** The orders node. */
export default definePlugin<NodePlugin<Record<string, unknown>, Record<string, unknown>>>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'node',
    title: 'Orders',
    description: 'Looks up orders by id or customer, and creates orders priced from your products table.',
    category: 'Business data',
    icon: 'shopping-cart',
    config,
    outputs: {
      type: 'object',
      properties: {
        branch: { type: 'string', enum: ['found', 'not-found', 'created'] },
        order: { type: 'object', description: 'get-order, create-order: the order.' },
        orders: { type: 'array', description: 'find-orders: newest first.' },
        created: {
          type: 'boolean',
          description: 'create-order: false when this was a replay of an earlier call.',
        },
      },
    },
    branches: ['found', 'not-found', 'created'],
    sideEffects: true,
    permissions: { data: ['orders', 'products', 'customers'] },
    examples: [
      {
        title: 'Where is my order?',
        with: { action: 'get-order', orderId: '{{ entities.orderId }}', customerEmail: '{{ user.email }}' },
      },
    ],
  },

  async run(rawConfig, ctx) {
    const cfg = readConfig<OrdersConfig>(ID, config, rawConfig);
    requireData(ID, ctx);
    if (cfg.action === 'create-order') {
      const { order, created } = await createOrder(ctx, { ...cfg, items: cfg.items ?? [] });
      return { branch: 'created', order, created };
    }
    if (cfg.action === 'get-order') {
      if (!cfg.orderId) throw new UserError('invalid-config', `${ID}: get-order needs orderId`);
      const order = (await ctx.data.query('orders', { id: cfg.orderId.trim() }))[0];
      if (order && cfg.customerEmail) {
        // Someone else's order is answered exactly like a missing one: no data leaks through the chat.
        const customer = await findCustomer(ctx.data, { customerEmail: cfg.customerEmail });
        if (!customer || customer.id !== order.customerId)
          return { branch: 'not-found', orderId: cfg.orderId };
      }
      return order ? { branch: 'found', order } : { branch: 'not-found', orderId: cfg.orderId };
    }
    const customer = await findCustomer(ctx.data, cfg);
    if (!customer) return { branch: 'not-found', orders: [] };
    const filter: Record<string, unknown> = { customerId: customer.id };
    if (cfg.status) filter.status = cfg.status;
    const orders = (await ctx.data.query('orders', filter))
      .sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')))
      .slice(0, cfg.limit);
    return {
      branch: orders.length > 0 ? 'found' : 'not-found',
      orders,
      customer: { id: customer.id, name: customer.name },
    };
  },
});
