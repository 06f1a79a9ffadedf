import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { loopbackFetch, staticSecrets } from '../../test/fakes/loopback-fetch.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import { formDecode, type StripeServer, startStripeServer } from '../../test/fakes/stripe-server.ts';
import { formEncode } from './form-encode.ts';
import payments from './index.ts';

let stripe: StripeServer;

beforeAll(async () => {
  stripe = await startStripeServer({
    apiKey: 'sk_test_abc',
    payments: { pi_paid: { amount: 5000, currency: 'eur' }, pi_yen: { amount: 3000, currency: 'jpy' } },
  });
});
afterAll(() => stripe.close());

function ctx(idempotencyKey: string, secret = 'sk_test_abc') {
  return testContext({
    idempotencyKey,
    fetch: loopbackFetch().fetch,
    secrets: staticSecrets({ STRIPE_SECRET_KEY: secret }),
  });
}

describe('tool/payments', () => {
  it('encodes nested parameters the way Stripe reads them', () => {
    const encoded = formEncode({
      line_items: [{ price: 'price_1', quantity: 2 }],
      metadata: { order: 'A&B' },
      skip: undefined,
    });
    expect(encoded).toBe(
      'line_items%5B0%5D%5Bprice%5D=price_1&line_items%5B0%5D%5Bquantity%5D=2&metadata%5Border%5D=A%26B',
    );
    expect(formDecode(encoded)).toEqual({
      line_items: [{ price: 'price_1', quantity: '2' }],
      metadata: { order: 'A&B' },
    });
  });

  it('creates a payment link for an amount, via a new price', async () => {
    const config = {
      action: 'create-payment-link',
      amount: 19.99,
      currency: 'eur',
      productName: 'Order ORD-7',
      metadata: { orderId: 'ORD-7' },
    };
    const out = await payments.run({ ...config, baseUrl: stripe.baseUrl }, ctx('run_a:pay'));
    expect(out).toMatchObject({ currency: 'EUR', amount: 19.99 });
    expect(out.url).toMatch(/^https:\/\/buy\.stripe\.com\/test_plink_/);
    expect(stripe.objects.get(String(out.priceId))).toMatchObject({ unit_amount: 1999, currency: 'eur' });
    expect(stripe.objects.get(String(out.paymentLinkId))).toMatchObject({ metadata: { orderId: 'ORD-7' } });
    expect(stripe.calls.slice(-2).map((c) => c.idempotencyKey)).toEqual(['run_a:pay:price', 'run_a:pay']);
  });

  it('returns the same link when the step is retried, creating nothing new', async () => {
    const config = {
      action: 'create-payment-link',
      amount: 5,
      currency: 'usd',
      productName: 'Tip',
      baseUrl: stripe.baseUrl,
    };
    const first = await payments.run(config, ctx('run_b:pay'));
    const objectsBefore = stripe.objects.size;
    const again = await payments.run(config, ctx('run_b:pay'));
    expect(again).toEqual(first);
    expect(stripe.objects.size).toBe(objectsBefore);
    expect(stripe.calls.slice(-2).every((c) => c.replayed)).toBe(true);
  });

  it('uses an existing price id as it is', async () => {
    const made = await payments.run(
      {
        action: 'create-payment-link',
        amount: 1,
        currency: 'eur',
        productName: 'x',
        baseUrl: stripe.baseUrl,
      },
      ctx('run_c:1'),
    );
    const out = await payments.run(
      { action: 'create-payment-link', price: String(made.priceId), quantity: 3, baseUrl: stripe.baseUrl },
      ctx('run_c:2'),
    );
    expect(stripe.calls.at(-1)!.params).toMatchObject({
      line_items: [{ price: made.priceId, quantity: '3' }],
    });
    expect(out.paymentLinkId).not.toBe(made.paymentLinkId);
  });

  it('refunds part of a payment, then the rest, once each however often retried', async () => {
    const base = { action: 'refund', paymentIntent: 'pi_paid', baseUrl: stripe.baseUrl };
    const part = await payments.run(
      { ...base, amount: 12.5, currency: 'EUR', reason: 'requested_by_customer' },
      ctx('run_d:refund'),
    );
    expect(part).toMatchObject({ status: 'succeeded', amount: 12.5, currency: 'EUR' });
    expect(
      await payments.run(
        { ...base, amount: 12.5, currency: 'EUR', reason: 'requested_by_customer' },
        ctx('run_d:refund'),
      ),
    ).toEqual(part);
    const rest = await payments.run(base, ctx('run_e:refund'));
    expect(rest).toMatchObject({ amount: 37.5 });
    await expect(payments.run(base, ctx('run_f:refund'))).rejects.toThrow(/charge_already_refunded/);
  });

  it('sends zero-decimal currencies as they are', async () => {
    const out = await payments.run(
      { action: 'refund', paymentIntent: 'pi_yen', amount: 1000, currency: 'JPY', baseUrl: stripe.baseUrl },
      ctx('run_g'),
    );
    expect(stripe.calls.at(-1)!.params.amount).toBe('1000');
    expect(out).toMatchObject({ amount: 1000, currency: 'JPY' });
  });

  it('passes on Stripe’s reason when it refuses', async () => {
    const attempt = payments.run(
      { action: 'refund', paymentIntent: 'pi_nope', baseUrl: stripe.baseUrl },
      ctx('run_h'),
    );
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(
      "tool/payments: /v1/refunds failed (400 resource_missing): No such payment_intent: 'pi_nope'",
    );
  });

  it('refuses to reuse a key for a different request', async () => {
    await payments.run(
      { action: 'refund', paymentIntent: 'pi_yen', amount: 1, currency: 'JPY', baseUrl: stripe.baseUrl },
      ctx('run_i'),
    );
    await expect(
      payments.run(
        { action: 'refund', paymentIntent: 'pi_yen', amount: 2, currency: 'JPY', baseUrl: stripe.baseUrl },
        ctx('run_i'),
      ),
    ).rejects.toThrow(/Keys for idempotent requests can only be used with the same parameters/);
  });

  it('names the secret to fix when the key is wrong or missing', async () => {
    const config = { action: 'refund', paymentIntent: 'pi_paid', baseUrl: stripe.baseUrl };
    await expect(payments.run(config, ctx('run_j', 'sk_test_wrong'))).rejects.toThrow(
      /Invalid API Key provided.*check the tenant secret 'STRIPE_SECRET_KEY'/,
    );
    await expect(
      payments.run(config, testContext({ fetch: loopbackFetch().fetch, secrets: staticSecrets({}) })),
    ).rejects.toThrow("the tenant secret 'STRIPE_SECRET_KEY' (the payments API key) is not set");
  });

  it('reports an unreachable API as retryable', async () => {
    const gone = await startStripeServer({ apiKey: 'k' });
    await gone.close();
    const error = await Promise.resolve(
      payments.run({ action: 'refund', paymentIntent: 'pi_paid', baseUrl: gone.baseUrl }, ctx('run_k')),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
  });

  it('checks what each action needs before calling anything', async () => {
    const calls = stripe.calls.length;
    await expect(
      payments.run({ action: 'create-payment-link', amount: 5, baseUrl: stripe.baseUrl }, ctx('x')),
    ).rejects.toThrow('needs a price id, or amount, currency and productName');
    await expect(
      payments.run(
        {
          action: 'create-payment-link',
          amount: 5.555,
          currency: 'EUR',
          productName: 'x',
          baseUrl: stripe.baseUrl,
        },
        ctx('x'),
      ),
    ).rejects.toThrow('5.555 EUR has more decimals than the currency allows');
    await expect(payments.run({ action: 'refund', baseUrl: stripe.baseUrl }, ctx('x'))).rejects.toThrow(
      'refund needs paymentIntent',
    );
    expect(stripe.calls.length).toBe(calls);
  });
});
