/**
 * Row-level security for tenant tables, used by every migration that creates one (this helper's
 * and other helpers' 0010+), so every tenant table gets exactly the same policy.
 */
import { type Kysely, sql } from 'kysely';

/** The role the host connects as: no superuser, no BYPASSRLS, owns nothing. */
export const APP_ROLE = 'flow_app';

/** The tenant of the current transaction, NULL outside `withTenant` (so nothing is visible). */
export const CURRENT_TENANT_SQL = "nullif(current_setting('app.tenant_id', true), '')::uuid";

/**
 * ENABLE + FORCE row level security on `table` with the policy
 * `tenant_id = current_setting('app.tenant_id')::uuid` for reads and writes.
 */
export async function enableTenantRls(db: Kysely<any>, table: string, column = 'tenant_id'): Promise<void> {
  const t = sql.table(table);
  await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON ${t} USING (${sql.ref(column)} = ${sql.raw(CURRENT_TENANT_SQL)}) WITH CHECK (${sql.ref(column)} = ${sql.raw(CURRENT_TENANT_SQL)})`.execute(
    db,
  );
}

/**
 * A read-only policy that lets the app find one row before it knows the tenant, by a value only the
 * holder of a secret can compute (a token hash), set with `set_config(setting, value, true)`.
 */
export async function addLookupPolicy(
  db: Kysely<any>,
  table: string,
  name: string,
  column: string,
  setting: string,
): Promise<void> {
  await sql`CREATE POLICY ${sql.id(name)} ON ${sql.table(table)} FOR SELECT USING (${sql.ref(column)} = nullif(current_setting(${sql.lit(setting)}, true), ''))`.execute(
    db,
  );
}
