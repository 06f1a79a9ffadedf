/** Tenant data the example workflows' tools work on: customers, products, orders. */
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
  for (const t of ['customers', 'products', 'orders']) await enableTenantRls(db, t);
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['orders', 'products', 'customers']) await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
