/** Browser sessions and API keys. Only hashes of API keys are stored. */
import { type Kysely, sql } from 'kysely';
import { addLookupPolicy, enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables and their row level security. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz)`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (tenant_id, user_id)`.execute(db);
  await enableTenantRls(db, 'sessions');
  // "Sign out everywhere" spans tenants: a verified user may end their own sessions.
  await sql`CREATE POLICY own_sessions ON sessions
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid)`.execute(db);

  await sql`CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name text NOT NULL,
    prefix text NOT NULL,
    key_hash text NOT NULL UNIQUE,
    scopes text[] NOT NULL DEFAULT '{}',
    created_by uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz)`.execute(db);
  await enableTenantRls(db, 'api_keys');
  // A bearer token names no tenant: whoever holds the key can find exactly its row by its hash.
  await addLookupPolicy(db, 'api_keys', 'api_key_by_hash', 'key_hash', 'app.api_key_hash');
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE api_keys`.execute(db);
  await sql`DROP TABLE sessions`.execute(db);
}
