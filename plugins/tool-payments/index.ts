/**
 * tool/payments: payment links and refunds against a Stripe-compatible API. Every request carries
 * the run step's idempotency key, so a retried or resumed run never charges or refunds twice.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { fromMinorUnits, toMinorUnits } from './minor-units.ts';
import { stripePost } from './stripe-client.ts';

const ID = 'tool/payments';

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', enum: ['create-payment-link', 'refund'], description: 'What to do.' },
    price: {
      type: 'string',
      minLength: 1,
      description:
        'create-payment-link: an existing price id (price_...). Or give amount, currency and productName.',
    },
    amount: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Amount as people write it (12.50). refund: leave empty to refund everything.',
    },
    currency: {
      type: 'string',
      minLength: 3,
      maxLength: 3,
      description: 'Three-letter currency code, e.g. EUR.',
    },
    productName: {
      type: 'string',
      minLength: 1,
      description: 'create-payment-link: what the customer pays for.',
    },
    quantity: { type: 'integer', minimum: 1, default: 1, description: 'create-payment-link: how many.' },
    paymentIntent: { type: 'string', minLength: 1, description: 'refund: the payment to refund (pi_...).' },
    reason: {
      type: 'string',
      enum: ['duplicate', 'fraudulent', 'requested_by_customer'],
      description: 'refund: why.',
    },
    metadata: {
      type: 'object',
      additionalProperties: { type: 'string' },
      default: {},
      description: 'Your references (order id...), stored with the object.',
    },
    baseUrl: {
      type: 'string',
      minLength: 1,
      default: 'https://api.stripe.com',
      description: 'API address; change only for a compatible gateway.',
    },
    apiKeySecret: {
      type: 'string',
      minLength: 1,
      default: 'STRIPE_SECRET_KEY',
      description: 'Name of the tenant secret holding the API key.',
    },
  },
};

interface PaymentsConfig {
  action: 'create-payment-link' | 'refund';
  price?: string;
  amount?: number;
  currency?: string;
  productName?: string;
  quantity: number;
  paymentIntent?: string;
  reason?: string;
  metadata: Record<string, string>;
  baseUrl: string;
  apiKeySecret: string;
}

/** The payments node. */
export default definePlugin<NodePlugin<Record<string, unknown>, Record<string, unknown>>>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'node',
    title: 'Payments',
    description:
      'Creates payment links and refunds payments through Stripe, safely retried with idempotency keys.',
    category: 'Tools',
    icon: 'credit-card',
    config,
    outputs: {
      type: 'object',
      properties: {
        url: { type: 'string', description: 'create-payment-link: the link to send the customer.' },
        paymentLinkId: { type: 'string' },
        priceId: { type: 'string' },
        refundId: { type: 'string' },
        status: { type: 'string', description: 'refund: succeeded, pending, failed...' },
        amount: { type: 'number' },
        currency: { type: 'string' },
      },
    },
    sideEffects: true,
    permissions: { net: ['api.stripe.com'], secrets: ['STRIPE_SECRET_KEY'] },
  },

  async run(rawConfig, ctx) {
    const cfg = readConfig<PaymentsConfig>(ID, config, rawConfig);
    const target = { baseUrl: cfg.baseUrl, apiKeySecret: cfg.apiKeySecret };
    if (cfg.action === 'refund') {
      if (!cfg.paymentIntent) throw new UserError('invalid-config', `${ID}: refund needs paymentIntent`);
      if (cfg.amount !== undefined && !cfg.currency)
        throw new UserError('invalid-config', `${ID}: a partial refund needs the currency of the amount`);
      const refund = await stripePost(
        ctx,
        target,
        '/v1/refunds',
        {
          payment_intent: cfg.paymentIntent,
          amount: cfg.amount === undefined ? undefined : toMinorUnits(cfg.amount, cfg.currency!, ID),
          reason: cfg.reason,
          metadata: cfg.metadata,
        },
        ctx.idempotencyKey,
      );
      const currency = String(refund.currency ?? cfg.currency ?? '');
      return {
        refundId: refund.id,
        status: refund.status,
        amount: fromMinorUnits(Number(refund.amount), currency),
        currency: currency.toUpperCase(),
      };
    }
    let priceId = cfg.price;
    if (!priceId) {
      if (cfg.amount === undefined || !cfg.currency || !cfg.productName) {
        throw new UserError(
          'invalid-config',
          `${ID}: create-payment-link needs a price id, or amount, currency and productName`,
        );
      }
      // The price gets its own key: Stripe refuses one key reused with different parameters.
      const price = await stripePost(
        ctx,
        target,
        '/v1/prices',
        {
          currency: cfg.currency.toLowerCase(),
          unit_amount: toMinorUnits(cfg.amount, cfg.currency, ID),
          product_data: { name: cfg.productName },
        },
        `${ctx.idempotencyKey}:price`,
      );
      priceId = String(price.id);
    }
    const link = await stripePost(
      ctx,
      target,
      '/v1/payment_links',
      { line_items: [{ price: priceId, quantity: cfg.quantity }], metadata: cfg.metadata },
      ctx.idempotencyKey,
    );
    ctx.log(`created payment link ${String(link.id)}`, { priceId });
    return {
      url: link.url,
      paymentLinkId: link.id,
      priceId,
      amount: cfg.amount,
      currency: cfg.currency?.toUpperCase(),
    };
  },
});
