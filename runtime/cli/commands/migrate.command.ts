/** `flow db migrate`: applies pending migrations to DATABASE_URL, or the embedded server under ./data. */
import path from 'node:path';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { prepareDatabase } from '../../db/prepare-database.ts';

/** Applies migrations (creating the app role if needed) and reports which ran. */
export async function migrateCommand(dataDir = path.resolve('data')): Promise<void> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
  try {
    const { applied } = await prepareDatabase(process.env.DATABASE_URL ?? embedded!.adminUrl);
    console.log(applied.length === 0 ? 'migrations are current' : `applied: ${applied.join(', ')}`);
  } finally {
    await embedded?.stop();
  }
}
