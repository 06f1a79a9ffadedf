/** Knowledge documents with a full-text index for the knowledge-search node. */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the table with a generated tsvector and its GIN index. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE documents (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id text NOT NULL,
    source text NOT NULL,
    title text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    data jsonb NOT NULL DEFAULT '{}',
    search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED,
    PRIMARY KEY (tenant_id, source, id))`.execute(db);
  await sql`CREATE INDEX documents_search ON documents USING gin (search)`.execute(db);
  await enableTenantRls(db, 'documents');
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE documents`.execute(db);
}
