/**
 * `ctx.assets` in the host: a tenant's own knowledge documents (the `documents` table, full-text
 * indexed, seeded from the example files for the demo tenant) come first; files shipped in
 * workflows/data are the fallback, so a new tenant's example workflows still answer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import { NotFoundError, UserError } from '../../workflow/errors.ts';

/** Reads a .json/.yaml file from `dir`, refusing names that leave it. */
async function readAssetFile(dir: string, name: string): Promise<unknown> {
  try {
    const text = await readFile(path.join(dir, name), 'utf8');
    return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('asset', name);
    throw error;
  }
}

/** The assets capability for one tenant. */
export function tenantAssets(
  db: Kysely<Database>,
  tenantId: string,
  dir: string,
): { read(name: string): Promise<unknown> } {
  return {
    async read(name) {
      if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(json|ya?ml)$/.test(name)) {
        throw new UserError(
          'invalid-asset',
          `asset '${name}' must be a plain .json, .yaml or .yml file name`,
        );
      }
      const rows = await withTenant(db, tenantId, (trx) =>
        trx.selectFrom('documents').select('data').where('source', '=', name).orderBy('id').execute(),
      );
      if (rows.length > 0) return { entries: rows.map((r) => r.data) };
      return readAssetFile(dir, name);
    },
  };
}
