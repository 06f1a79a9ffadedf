/** Tenant secrets, encrypted by the host (AES-256-GCM) before they reach the database. */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the table. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE secrets (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_]{0,63}$'),
    key_id text NOT NULL,
    iv text NOT NULL,
    tag text NOT NULL,
    ciphertext text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name))`.execute(db);
  await enableTenantRls(db, 'secrets');
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE secrets`.execute(db);
}
