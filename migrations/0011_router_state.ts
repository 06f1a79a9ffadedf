/**
 * What routers learn, per tenant: one state row per router (a workflow node or a named router) and
 * an append-only log of the outcomes it learned from. The app role may insert and read outcomes but
 * never change or delete them, so the log stays a faithful record of why a router prefers a model.
 */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE router_states (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$'),
    strategy text NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    arms jsonb NOT NULL DEFAULT '[]',
    state jsonb NOT NULL DEFAULT '{}',
    last_arm text,
    last_explanation text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, key))`.execute(db);
  await enableTenantRls(db, 'router_states');

  await sql`CREATE TABLE router_outcomes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL,
    router_key text NOT NULL,
    strategy text NOT NULL,
    arm text NOT NULL,
    success boolean NOT NULL,
    score double precision CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
    cost_usd double precision CHECK (cost_usd IS NULL OR cost_usd >= 0),
    latency_ms double precision CHECK (latency_ms IS NULL OR latency_ms >= 0),
    features jsonb NOT NULL DEFAULT '{}',
    source text NOT NULL CHECK (source IN ('run', 'feedback')),
    run_id uuid,
    node_id text,
    at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, router_key) REFERENCES router_states(tenant_id, key) ON DELETE CASCADE)`.execute(
    db,
  );
  await sql`CREATE INDEX router_outcomes_router ON router_outcomes (tenant_id, router_key, at)`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON router_outcomes FROM flow_app`.execute(db);
  await enableTenantRls(db, 'router_outcomes');
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE router_outcomes`.execute(db);
  await sql`DROP TABLE router_states`.execute(db);
}
