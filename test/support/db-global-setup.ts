/**
 * vitest globalSetup for the `db` project: one PostgreSQL server per test run (the one named by
 * FLOW_TEST_DATABASE_URL, else an embedded PostgreSQL 18 in a temp folder), one migrated template
 * database, and its name and the admin URL provided to the tests (`inject('flowDb')`).
 */

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { createDb, withDatabase } from '../../runtime/db/create-db.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../runtime/db/embedded-postgres.ts';
import { prepareDatabase } from '../../runtime/db/prepare-database.ts';

/** What the tests receive through `inject('flowDb')`. */
export interface FlowDbInfo {
  /** Superuser URL of the server (database `postgres`). */
  adminUrl: string;
  /** Migrated template to clone. */
  template: string;
  /** Prefix of every database this run creates, so teardown can find leftovers. */
  prefix: string;
  appPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    flowDb: FlowDbInfo;
  }
}

/** Starts (or connects to) the server, builds the template, and returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.FLOW_TEST_DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), 'flow-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg') });
    adminUrl = embedded.adminUrl;
  }
  // Unique per run: two runs against one shared server never touch each other's databases.
  const prefix = `t_${randomBytes(3).toString('hex')}`;
  const template = `${prefix}_template`;
  const appPassword = 'flow_app_test';
  const admin = createDb(adminUrl, { max: 1 });
  await sql`CREATE DATABASE ${sql.id(template)}`.execute(admin);
  await prepareDatabase(withDatabase(adminUrl, template), appPassword);
  project.provide('flowDb', { adminUrl, template, prefix, appPassword });

  return async () => {
    try {
      const { rows } = await sql<{
        datname: string;
      }>`SELECT datname FROM pg_database WHERE datname LIKE ${`${prefix}_%`}`.execute(admin);
      for (const { datname } of rows)
        await sql`DROP DATABASE IF EXISTS ${sql.id(datname)} WITH (FORCE)`.execute(admin);
    } finally {
      await admin.destroy();
      await embedded?.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  };
}
