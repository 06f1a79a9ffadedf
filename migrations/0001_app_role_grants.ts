/** Lets the application role use what later migrations create, and nothing more. */
import { type Kysely, sql } from 'kysely';

/** Grants on the schema and default privileges for tables created by the migration role. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`GRANT USAGE ON SCHEMA public TO flow_app`.execute(db);
  // Every table a later migration creates is readable/writable by the app (RLS still applies).
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO flow_app`.execute(
    db,
  );
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO flow_app`.execute(
    db,
  );
  // Only to report whether migrations are current (GET /readyz).
  await sql`GRANT SELECT ON kysely_migration TO flow_app`.execute(db);
}

/** Removes the grants. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`REVOKE SELECT ON kysely_migration FROM flow_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM flow_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM flow_app`.execute(db);
  await sql`REVOKE USAGE ON SCHEMA public FROM flow_app`.execute(db);
}
