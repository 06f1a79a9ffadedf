/** Brings a database to the shape the host needs: the app role exists and every migration is applied. */

import { ensureAppRole } from './app-role.ts';
import { createDb, withCredentials } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';
import { APP_ROLE } from './tenant-rls.ts';

/** The app role's password when none is configured (the embedded server listens on loopback only). */
export const DEFAULT_APP_PASSWORD = 'flow_app_local';

/**
 * Runs as the owner role at `adminUrl`: ensures `flow_app`, applies pending migrations, and returns
 * the URL the host should connect with (same server and database, as `flow_app`).
 */
export async function prepareDatabase(
  adminUrl: string,
  appPassword = process.env.FLOW_APP_DB_PASSWORD ?? DEFAULT_APP_PASSWORD,
): Promise<{ appUrl: string; applied: string[] }> {
  const adminDb = createDb(adminUrl, { max: 2 });
  try {
    await ensureAppRole(adminDb, appPassword);
    const results = await migrateToLatest(adminDb);
    return {
      appUrl: withCredentials(adminUrl, APP_ROLE, appPassword),
      applied: results.map((r) => r.migrationName),
    };
  } finally {
    await adminDb.destroy();
  }
}
