/**
 * `ctx.assets` in the host: a tenant's own knowledge documents (the `documents` table, full-text
 * indexed, seeded from the example files for the demo tenant) come first; files shipped in
 * workflows/data are the fallback, so a new tenant's example workflows still answer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { NodeContext } from '../../../registry/sdk/plugin.ts';
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

/** Refuses asset names that are not a plain .json/.yaml file name. */
function checkName(name: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(json|ya?ml)$/.test(name)) {
    throw new UserError('invalid-asset', `asset '${name}' must be a plain .json, .yaml or .yml file name`);
  }
}

/** Candidates a search returns when the caller names no limit, and the most it may ask for. */
export const SEARCH_LIMIT = { default: 50, max: 200 } as const;

/**
 * The documents of `source` holding any of the query's words, best first: a chat message has many
 * words and a good answer rarely holds every one, so the lexemes plainto_tsquery joins with '&' are
 * joined with '|' instead (an '&' inside a quoted lexeme stays quoted, so the tsquery stays valid).
 * Run it inside withTenant: row-level security keeps it to the tenant's rows. Under RLS the planner
 * cannot use the GIN index for `@@` (ts_match_vq is not leakproof, so the tenant policy must run
 * first): it reads the tenant's rows of `source` through documents_pkey and tests each stored
 * tsvector, in PostgreSQL, never copying them to the sandbox.
 */
export function matchingDocuments(source: string, query: string, limit: number) {
  const q = sql`replace(plainto_tsquery('english', ${query})::text, '&', '|')::tsquery`;
  return sql<{ data: Record<string, unknown> }>`SELECT data FROM documents
    WHERE source = ${source} AND search @@ ${q}
    ORDER BY ts_rank_cd(search, ${q}) DESC, id
    LIMIT ${limit}`;
}

/** The assets capability for one tenant. */
export function tenantAssets(
  db: Kysely<Database>,
  tenantId: string,
  dir: string,
): Required<NonNullable<NodeContext['assets']>> {
  return {
    async read(name) {
      checkName(name);
      const rows = await withTenant(db, tenantId, (trx) =>
        trx.selectFrom('documents').select('data').where('source', '=', name).orderBy('id').execute(),
      );
      if (rows.length > 0) return { entries: rows.map((r) => r.data) };
      return readAssetFile(dir, name);
    },

    // The GIN index on documents.search picks the candidates; the caller ranks them (BM25) itself.
    async search(name, query, options = {}) {
      checkName(name);
      const limit = Math.min(
        SEARCH_LIMIT.max,
        Math.max(1, Math.trunc(options.limit ?? SEARCH_LIMIT.default)),
      );
      return withTenant(db, tenantId, async (trx) => {
        const { rows } = await matchingDocuments(name, query, limit).execute(trx);
        if (rows.length > 0) return rows.map((r) => r.data);
        // No match: an empty answer when the tenant has documents for `name`, else null (read the shipped file).
        const any = await trx
          .selectFrom('documents')
          .select('id')
          .where('source', '=', name)
          .limit(1)
          .executeTakeFirst();
        return any ? [] : null;
      });
    },
  };
}
