/** `flow db migrate`: applies pending migrations to DATABASE_URL or the embedded server. */
import { openHostDatabase } from '../../host/open-database.ts';

/** Applies migrations and reports which ran. */
export async function migrateCommand(): Promise<void> {
  const database = await openHostDatabase({ migrate: false });
  try {
    const applied = await database.migrate();
    console.log(applied.length === 0 ? 'migrations are current' : `applied: ${applied.join(', ')}`);
  } finally {
    await database.close();
  }
}
