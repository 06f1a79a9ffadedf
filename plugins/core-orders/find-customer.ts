/** Finds the customer an order action is about, by id or by email. */

import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { NotFoundError, UserError } from '../../runtime/workflow/errors.ts';

type Data = NonNullable<NodeContext['data']>;

/** The customer row, or undefined when none matches; throws when neither id nor email is given. */
export async function findCustomer(
  data: Data,
  by: { customerId?: string; customerEmail?: string },
): Promise<Record<string, unknown> | undefined> {
  if (by.customerId) return (await data.query('customers', { id: by.customerId }))[0];
  if (by.customerEmail) {
    const email = by.customerEmail.trim().toLowerCase();
    const rows = await data.query('customers', { email });
    // Rows written by hand may keep the customer's own capitalisation.
    return (
      rows[0] ??
      (email === by.customerEmail
        ? undefined
        : (await data.query('customers', { email: by.customerEmail }))[0])
    );
  }
  throw new UserError('invalid-config', 'core/orders: give customerId or customerEmail');
}

/** Like findCustomer, but a missing customer is an error naming what was looked for. */
export async function requireCustomer(
  data: Data,
  by: { customerId?: string; customerEmail?: string },
): Promise<Record<string, unknown>> {
  const customer = await findCustomer(data, by);
  if (!customer) throw new NotFoundError('customer', by.customerId ?? by.customerEmail ?? '');
  return customer;
}
