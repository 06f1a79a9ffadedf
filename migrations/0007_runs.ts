/** Runs and their trace events (one row per event, numbered per run). */
import { type Kysely, sql } from 'kysely';
import { enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    workflow_id text NOT NULL,
    version int NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    input jsonb NOT NULL DEFAULT '{}',
    output jsonb,
    error jsonb,
    nodes jsonb,
    plugins jsonb,
    draft_yaml text,
    started_by uuid REFERENCES users(id) ON DELETE SET NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, workflow_id, version) REFERENCES workflow_versions(tenant_id, workflow_id, version) ON DELETE CASCADE)`.execute(
    db,
  );
  await sql`CREATE INDEX runs_tenant_started ON runs (tenant_id, started_at DESC)`.execute(db);
  await sql`CREATE INDEX runs_tenant_workflow ON runs (tenant_id, workflow_id, started_at DESC)`.execute(db);
  await enableTenantRls(db, 'runs');

  await sql`CREATE TABLE run_events (
    tenant_id uuid NOT NULL,
    run_id uuid NOT NULL,
    seq int NOT NULL,
    type text NOT NULL,
    node_id text,
    at timestamptz NOT NULL DEFAULT now(),
    event jsonb NOT NULL,
    PRIMARY KEY (run_id, seq),
    FOREIGN KEY (tenant_id, run_id) REFERENCES runs(tenant_id, id) ON DELETE CASCADE)`.execute(db);
  await enableTenantRls(db, 'run_events');
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE run_events`.execute(db);
  await sql`DROP TABLE runs`.execute(db);
}
