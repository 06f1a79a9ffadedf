/** The audit log: append-only for the application role. */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the table; the app may insert and read, never change or delete. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    actor_user_id uuid,
    actor_api_key_id uuid,
    action text NOT NULL,
    target text,
    details jsonb NOT NULL DEFAULT '{}',
    ip text,
    at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC)`.execute(db);
  await enableTenantRls(db, 'audit_log');
  await sql`REVOKE UPDATE, DELETE ON audit_log FROM flow_app`.execute(db);
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
}
