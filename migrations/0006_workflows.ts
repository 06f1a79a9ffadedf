/** Workflows and their versions; YAML is stored exactly as written. */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE workflows (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name text NOT NULL,
    current_version int NOT NULL,
    published_version int,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id))`.execute(db);
  await enableTenantRls(db, 'workflows');

  await sql`CREATE TABLE workflow_versions (
    tenant_id uuid NOT NULL,
    workflow_id text NOT NULL,
    version int NOT NULL CHECK (version > 0),
    yaml text NOT NULL,
    author_id uuid REFERENCES users(id) ON DELETE SET NULL,
    message text NOT NULL DEFAULT '',
    published boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, workflow_id, version),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows(tenant_id, id) ON DELETE CASCADE)`.execute(db);
  await enableTenantRls(db, 'workflow_versions');
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE workflow_versions`.execute(db);
  await sql`DROP TABLE workflows`.execute(db);
}
