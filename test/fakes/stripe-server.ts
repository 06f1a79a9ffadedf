/**
 * A loopback stand-in for the parts of Stripe's API that tool/payments uses: POST /v1/prices,
 * /v1/payment_links and /v1/refunds, form-encoded bodies with bracketed keys, Bearer auth,
 * Stripe's error shapes, and idempotent replays (same key and parameters: the first response again,
 * with `Idempotent-Replayed: true`; same key, other parameters: an idempotency_error).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A payment that can be refunded, amounts in minor units. */
export interface FakePayment {
  amount: number;
  currency: string;
  refunded?: number;
}

/** A running fake; `objects` holds everything created, by id. */
export interface StripeServer {
  baseUrl: string;
  objects: Map<string, Record<string, unknown>>;
  /** Every POST that reached a handler (replays included), in order. */
  calls: Array<{ path: string; params: Record<string, unknown>; idempotencyKey?: string; replayed: boolean }>;
  close(): Promise<void>;
}

/** Decodes `a[b][0][c]=1` into nested objects and arrays, as Stripe does. */
export function formDecode(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Record<string, unknown> = root;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return root;
}

type Reply = { status: number; body: Record<string, unknown> };

function stripeError(status: number, type: string, message: string, code?: string, param?: string): Reply {
  return { status, body: { error: { type, message, code, param } } };
}

/** Starts the fake with an API key and refundable payments keyed by payment intent id. */
export async function startStripeServer(options: {
  apiKey: string;
  payments?: Record<string, FakePayment>;
}): Promise<StripeServer> {
  const objects = new Map<string, Record<string, unknown>>();
  const payments = new Map(Object.entries(structuredClone(options.payments ?? {})));
  const calls: StripeServer['calls'] = [];
  const idempotency = new Map<string, { path: string; raw: string; reply: Reply }>();
  let counter = 0;
  const newId = (prefix: string) => `${prefix}_fake${String(++counter).padStart(6, '0')}`;

  const handlers: Record<string, (p: Record<string, unknown>) => Reply> = {
    '/v1/prices': (p) => {
      const product = p.product_data as { name?: string } | undefined;
      if (!p.currency)
        return stripeError(
          400,
          'invalid_request_error',
          'Missing required param: currency.',
          'parameter_missing',
          'currency',
        );
      if (!product?.name)
        return stripeError(
          400,
          'invalid_request_error',
          'Missing required param: product_data[name].',
          'parameter_missing',
          'product_data[name]',
        );
      const price = {
        id: newId('price'),
        object: 'price',
        active: true,
        currency: p.currency,
        unit_amount: Number(p.unit_amount),
        product: newId('prod'),
        type: 'one_time',
      };
      objects.set(price.id, price);
      return { status: 200, body: price };
    },
    '/v1/payment_links': (p) => {
      const items = p.line_items as Array<{ price?: string; quantity?: string }> | undefined;
      if (!items?.length)
        return stripeError(
          400,
          'invalid_request_error',
          'Missing required param: line_items.',
          'parameter_missing',
          'line_items',
        );
      for (const [i, item] of items.entries()) {
        if (!item.price || !objects.has(item.price)) {
          return stripeError(
            400,
            'invalid_request_error',
            `No such price: '${item.price}'`,
            'resource_missing',
            `line_items[${i}][price]`,
          );
        }
      }
      const id = newId('plink');
      const link = {
        id,
        object: 'payment_link',
        active: true,
        url: `https://buy.stripe.com/test_${id}`,
        metadata: p.metadata ?? {},
        livemode: false,
      };
      objects.set(id, link);
      return { status: 200, body: link };
    },
    '/v1/refunds': (p) => {
      const intent = String(p.payment_intent ?? '');
      const payment = payments.get(intent);
      if (!payment)
        return stripeError(
          400,
          'invalid_request_error',
          `No such payment_intent: '${intent}'`,
          'resource_missing',
          'payment_intent',
        );
      const left = payment.amount - (payment.refunded ?? 0);
      if (left === 0)
        return stripeError(
          400,
          'invalid_request_error',
          `Charge for payment intent ${intent} has already been refunded.`,
          'charge_already_refunded',
        );
      const amount = p.amount === undefined ? left : Number(p.amount);
      if (amount > left) {
        return stripeError(
          400,
          'invalid_request_error',
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          'amount_too_large',
          'amount',
        );
      }
      payment.refunded = (payment.refunded ?? 0) + amount;
      const refund = {
        id: newId('re'),
        object: 'refund',
        amount,
        currency: payment.currency,
        payment_intent: intent,
        reason: p.reason ?? null,
        status: 'succeeded',
        metadata: p.metadata ?? {},
      };
      objects.set(refund.id, refund);
      return { status: 200, body: refund };
    },
  };

  const send = (res: ServerResponse, reply: Reply, replayed = false) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': `req_${++counter}`,
    };
    if (replayed) headers['idempotent-replayed'] = 'true';
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify(reply.body));
  };

  const server = createServer(async (req, res) => {
    const auth = req.headers.authorization;
    if (!auth) return send(res, stripeError(401, 'invalid_request_error', 'You did not provide an API key.'));
    if (auth !== `Bearer ${options.apiKey}`)
      return send(
        res,
        stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${auth.slice(7, 15)}****`),
      );
    const path = (req.url ?? '').split('?')[0]!;
    const handler = handlers[path];
    if (req.method !== 'POST' || !handler)
      return send(
        res,
        stripeError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`),
      );
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return send(
        res,
        stripeError(
          400,
          'invalid_request_error',
          'Invalid request: unsupported Content-Type. Use application/x-www-form-urlencoded.',
        ),
      );
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const params = formDecode(raw);
    const key = req.headers['idempotency-key'] as string | undefined;
    const earlier = key ? idempotency.get(key) : undefined;
    if (key && earlier) {
      calls.push({ path, params, idempotencyKey: key, replayed: true });
      if (earlier.path !== path || earlier.raw !== raw) {
        return send(
          res,
          stripeError(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        );
      }
      return send(res, earlier.reply, true);
    }
    calls.push({ path, params, idempotencyKey: key, replayed: false });
    const reply = handler(params);
    if (key) idempotency.set(key, { path, raw, reply });
    send(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    objects,
    calls,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
