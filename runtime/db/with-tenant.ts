/** Runs database work as one tenant: the only way the host reads or writes tenant tables. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Extra transaction-local settings, for the few look-ups that happen before the tenant is known. */
export type LookupSettings = Partial<
  Record<'app.user_id' | 'app.api_key_hash' | 'app.invitation_token_hash', string>
>;

/**
 * Runs `fn` in a transaction whose `app.tenant_id` is `tenantId` (SET LOCAL semantics: the setting
 * ends with the transaction, so a pooled connection never carries it to the next request).
 */
export async function withTenant<T>(
  db: Kysely<Database>,
  tenantId: string,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return fn(trx);
  });
}

/** Runs `fn` with no tenant but with lookup settings (token hashes, a verified user id). */
export async function withLookup<T>(
  db: Kysely<Database>,
  settings: LookupSettings,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    for (const [name, value] of Object.entries(settings)) {
      await sql`SELECT set_config(${name}, ${value}, true)`.execute(trx);
    }
    return fn(trx);
  });
}
