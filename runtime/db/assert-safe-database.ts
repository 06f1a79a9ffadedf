/** The start-up check: the host refuses to run on a connection that row level security would not bind. */
import { type Kysely, sql } from 'kysely';

/** Thrown when the database connection could read or write across tenants; lists every reason. */
export class UnsafeDatabaseError extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(
      `refusing to start: the database connection does not enforce tenant isolation:\n- ${reasons.join('\n- ')}`,
    );
    this.name = 'UnsafeDatabaseError';
    this.reasons = reasons;
  }
}

interface TenantTableRow {
  name: string;
  rls: boolean;
  forced: boolean;
  owned: boolean;
  policies: number;
}

/**
 * Checks, as the connected role, that it is not superuser, has no BYPASSRLS, owns (or can become the
 * owner of) no tenant table, and that every tenant table (one with a `tenant_id` column, and
 * `tenants`) has row level security enabled, forced, and a policy. Throws {@link UnsafeDatabaseError}.
 */
export async function assertSafeDatabase(db: Kysely<any>): Promise<void> {
  const reasons: string[] = [];
  const { rows: roles } = await sql<{ name: string; superuser: boolean; bypassrls: boolean }>`
    SELECT rolname AS name, rolsuper AS superuser, rolbypassrls AS bypassrls FROM pg_roles WHERE rolname = current_user`.execute(
    db,
  );
  const role = roles[0];
  if (!role) reasons.push('the connected role was not found in pg_roles');
  else {
    if (role.superuser)
      reasons.push(
        `role "${role.name}" is a superuser (superusers skip row level security); connect as flow_app`,
      );
    if (role.bypassrls)
      reasons.push(`role "${role.name}" has BYPASSRLS; run ALTER ROLE ${role.name} NOBYPASSRLS`);
  }
  const { rows: tables } = await sql<TenantTableRow>`
    SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
           pg_has_role(current_user, c.relowner, 'MEMBER') AS owned,
           (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
      AND (c.relname = 'tenants' OR EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
    ORDER BY c.relname`.execute(db);
  if (tables.length === 0) reasons.push('no tenant tables found: are the migrations applied?');
  for (const t of tables) {
    if (t.owned)
      reasons.push(
        `role "${role?.name}" owns tenant table "${t.name}" (owners can skip policies and change them)`,
      );
    if (!t.rls) reasons.push(`tenant table "${t.name}" does not have row level security enabled`);
    else if (!t.forced) reasons.push(`tenant table "${t.name}" does not FORCE row level security`);
    if (t.policies === 0) reasons.push(`tenant table "${t.name}" has no row level security policy`);
  }
  if (reasons.length > 0) throw new UnsafeDatabaseError(reasons);
}
