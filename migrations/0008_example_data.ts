/** Tenant data the example workflows' tools work on: customers, products, orders, and other records. */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables. Fields beyond the indexed ones live in `data`. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE customers (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id text NOT NULL,
    name text NOT NULL,
    email text,
    data jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id))`.execute(db);
  await sql`CREATE TABLE products (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id text NOT NULL,
    name text NOT NULL,
    price numeric(12, 2),
    data jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id))`.execute(db);
  await sql`CREATE TABLE orders (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id text NOT NULL,
    customer_id text,
    status text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id))`.execute(db);
  // Any other table a workflow writes (leads, tickets, complaints...): one row per record, by collection.
  await sql`CREATE TABLE records (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    collection text NOT NULL CHECK (collection ~ '^[a-z][a-z0-9_-]{0,63}$'),
    id text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, collection, id))`.execute(db);
  for (const t of ['customers', 'products', 'orders', 'records']) await enableTenantRls(db, t);
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['records', 'orders', 'products', 'customers'])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
