/**
 * The plugin registry. Published versions are global and immutable: the app role may insert and read
 * them but never update or delete them, so immutability holds even against a bug in the host.
 * Installs are per tenant, under row level security.
 */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the registry tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE plugin_scopes (
    scope text PRIMARY KEY CHECK (scope ~ '^[a-z0-9][a-z0-9-]*$'),
    owner_tenant uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE TABLE plugin_versions (
    plugin_id text NOT NULL CHECK (plugin_id ~ '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$'),
    version text NOT NULL,
    kind text NOT NULL,
    manifest jsonb NOT NULL,
    source text NOT NULL,
    sha256 text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    published_by_tenant uuid REFERENCES tenants(id) ON DELETE SET NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plugin_id, version))`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON plugin_versions FROM flow_app`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON plugin_scopes FROM flow_app`.execute(db);

  await sql`CREATE TABLE plugin_installs (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    plugin_id text NOT NULL,
    version text NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, plugin_id, version),
    FOREIGN KEY (plugin_id, version) REFERENCES plugin_versions(plugin_id, version))`.execute(db);
  await enableTenantRls(db, 'plugin_installs');
}

/** Drops the registry tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE plugin_installs`.execute(db);
  await sql`DROP TABLE plugin_versions`.execute(db);
  await sql`DROP TABLE plugin_scopes`.execute(db);
}
