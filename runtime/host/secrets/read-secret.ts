/** Reads one tenant secret in clear text, for the host's own capabilities (never for routes). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import type { Keyring } from './keyring.ts';
import { openSecretRow } from './secret-row.ts';

/** The secret's value, or undefined when the tenant has not set it. */
export async function readTenantSecret(
  db: Kysely<Database>,
  keyring: Keyring,
  tenantId: string,
  name: string,
): Promise<string | undefined> {
  const row = await withTenant(db, tenantId, (trx) =>
    trx.selectFrom('secrets').selectAll().where('name', '=', name).executeTakeFirst(),
  );
  return row && openSecretRow(keyring, tenantId, row);
}
