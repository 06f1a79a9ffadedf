/** A new database for one test file, cloned from the migrated template in ~0.1 s. */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { inject } from 'vitest';
import { createDb, withCredentials, withDatabase } from '../../runtime/db/create-db.ts';
import type { Database } from '../../runtime/db/schema.ts';
import { APP_ROLE } from '../../runtime/db/tenant-rls.ts';

/** A fresh database: `db` connects as the app role (RLS applies), `adminDb` as the owner. */
export interface FreshDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  db: Kysely<Database>;
  adminDb: Kysely<Database>;
  drop(): Promise<void>;
}

/** Creates `CREATE DATABASE <prefix>_<random> TEMPLATE <template>` and connects to it both ways. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const info = inject('flowDb');
  const name = `${info.prefix}_${randomBytes(5).toString('hex')}`;
  const server = createDb(info.adminUrl, { max: 1 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(info.template)}`.execute(server);
        break;
      } catch (error) {
        // 55006: another file is cloning the template at this instant; wait a moment.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await server.destroy();
  }
  const adminUrl = withDatabase(info.adminUrl, name);
  const appUrl = withCredentials(adminUrl, APP_ROLE, info.appPassword);
  const db = createDb(appUrl, { max: 5 });
  const adminDb = createDb(adminUrl, { max: 2 });
  return {
    name,
    adminUrl,
    appUrl,
    db,
    adminDb,
    async drop() {
      await db.destroy();
      await adminDb.destroy();
      const s = createDb(info.adminUrl, { max: 1 });
      try {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(s);
      } finally {
        await s.destroy();
      }
    },
  };
}
