/** Tenants, global users, memberships with roles, and invitations. */
import { type Kysely, sql } from 'kysely';
import { addLookupPolicy, enableTenantRls } from '../runtime/db/tenant-rls.ts';

/** Creates the tables and their row level security. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE tenants (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await enableTenantRls(db, 'tenants', 'id');

  await sql`CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE CHECK (email = lower(email)),
    name text NOT NULL,
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);

  await sql`CREATE TABLE memberships (
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'builder', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id))`.execute(db);
  await sql`CREATE INDEX memberships_user ON memberships (user_id)`.execute(db);
  await enableTenantRls(db, 'memberships');
  // At sign-in the tenant is not known yet: a verified user may see their own memberships...
  await sql`CREATE POLICY own_memberships ON memberships FOR SELECT
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)`.execute(db);
  // ...and the tenants they belong to.
  await sql`CREATE POLICY member_tenants ON tenants FOR SELECT
    USING (id IN (SELECT tenant_id FROM memberships WHERE user_id = nullif(current_setting('app.user_id', true), '')::uuid))`.execute(
    db,
  );

  await sql`CREATE TABLE invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'builder', 'viewer')),
    token_hash text NOT NULL UNIQUE,
    invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz)`.execute(db);
  await enableTenantRls(db, 'invitations');
  await addLookupPolicy(db, 'invitations', 'invitation_by_token', 'token_hash', 'app.invitation_token_hash');
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['invitations', 'memberships', 'users', 'tenants'])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
