/** One authenticated, idempotent POST to a Stripe-compatible API through ctx.fetch. */

import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { formEncode } from './form-encode.ts';

/** Where the API is and which secret holds its key. */
export interface StripeTarget {
  baseUrl: string;
  apiKeySecret: string;
}

/** Posts `params` to `path` with the API key and `Idempotency-Key`, returning the parsed object. */
export async function stripePost(
  ctx: NodeContext,
  target: StripeTarget,
  path: string,
  params: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Record<string, unknown>> {
  if (!ctx.fetch)
    throw new UserError(
      'missing-capability',
      'tool/payments: network access (permissions.net) is not granted',
    );
  const key = await ctx.secrets?.get(target.apiKeySecret);
  if (!key)
    throw new UserError(
      'missing-secret',
      `tool/payments: the tenant secret '${target.apiKeySecret}' (the payments API key) is not set`,
    );
  const url = `${target.baseUrl.replace(/\/+$/, '')}${path}`;
  let response: Awaited<ReturnType<NonNullable<NodeContext['fetch']>>>;
  try {
    response = await ctx.fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': idempotencyKey,
      },
      body: formEncode(params),
    });
  } catch (error) {
    throw new OperationalError(
      'payments-unreachable',
      `tool/payments: could not reach ${url}: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    throw new OperationalError(
      'payments-bad-response',
      `tool/payments: ${url} answered ${response.status} with a body that is not JSON`,
    );
  }
  if (response.status >= 200 && response.status < 300) return body;
  const error = (body.error ?? {}) as { message?: string; code?: string; type?: string; param?: string };
  const details = { status: response.status, stripeCode: error.code, param: error.param };
  const message = `tool/payments: ${path} failed (${response.status}${error.code ? ` ${error.code}` : ''}): ${error.message ?? 'no message'}`;
  if (response.status === 401)
    throw new UserError(
      'payments-auth',
      `${message}; check the tenant secret '${target.apiKeySecret}'`,
      details,
    );
  // 409: the same idempotency key is still being processed; 429 and 5xx: Stripe asks for a retry.
  if (response.status === 409 || response.status === 429 || response.status >= 500)
    throw new OperationalError('payments-unavailable', message, details);
  throw new UserError('payment-rejected', message, details);
}
