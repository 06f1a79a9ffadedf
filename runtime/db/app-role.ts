/** Creates (or updates) the application role the host connects as. Needs the admin connection. */
import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './tenant-rls.ts';

/**
 * Ensures `flow_app` exists as a login role with none of the powers that skip row level security,
 * and may connect to the current database. Idempotent; safe to run on every start.
 */
export async function ensureAppRole(adminDb: Kysely<any>, password: string): Promise<void> {
  const { rows } = await sql<{ n: number }>`SELECT 1 AS n FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(
    adminDb,
  );
  const options = sql.raw('LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT');
  try {
    if (rows.length === 0)
      await sql`CREATE ROLE ${sql.id(APP_ROLE)} ${options} PASSWORD ${sql.lit(password)}`.execute(adminDb);
  } catch (error) {
    // Two processes creating the role at the same moment: the loser just carries on.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710')
      throw error;
  }
  await sql`ALTER ROLE ${sql.id(APP_ROLE)} ${options} PASSWORD ${sql.lit(password)}`.execute(adminDb);
  const { rows: dbRows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(adminDb);
  await sql`GRANT CONNECT ON DATABASE ${sql.id(dbRows[0]!.name)} TO ${sql.id(APP_ROLE)}`.execute(adminDb);
}
