/**
 * The registry's repository: publish immutable versions, list them, install per tenant. Runs as the
 * app role; tenant installs go through `withTenant`, so row level security scopes them.
 */
import { type Kysely, sql } from 'kysely';
import semver from 'semver';
import { withTenant } from '../runtime/db/with-tenant.ts';
import { NotFoundError, UserError } from '../runtime/workflow/errors.ts';
import type { PluginPackage } from './plugin-package.ts';
import type { RegistryTables } from './registry-tables.ts';
import type { PluginManifest } from './sdk/plugin.ts';

/** Scopes that belong to the built-in plugins shipped with Flow Studio. */
export const RESERVED_SCOPES = new Set(['core', 'router', 'judge', 'tool', 'provider', 'channel', 'flow']);

/** A published version as listed (without its code). */
export interface PublishedVersion {
  id: string;
  version: string;
  kind: string;
  sha256: string;
  manifest: PluginManifest;
  publishedAt: Date;
}

/** An installed version. */
export interface InstalledVersion {
  id: string;
  version: string;
  sha256: string;
  manifest: PluginManifest;
}

/** Creates the store over a database whose app role has the registry tables. */
// biome-ignore lint/suspicious/noExplicitAny: the host's database, whatever its other tables; only the registry's are used
export function createPluginStore(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<RegistryTables>;
  /** Runs `fn` in a transaction scoped to `tenantId` by row level security. */
  const asTenant = <T>(tenantId: string, fn: (trx: Kysely<RegistryTables>) => Promise<T>) =>
    withTenant(anyDb, tenantId, (trx) => fn(trx as unknown as Kysely<RegistryTables>));

  /** Publishes a package for `tenantId`. Same content again is a no-op; different content for a version is refused. */
  async function publish(
    tenantId: string,
    pkg: PluginPackage,
  ): Promise<{ id: string; version: string; sha256: string; created: boolean }> {
    const { id, version } = pkg.manifest;
    const scope = id.split('/')[0]!;
    if (RESERVED_SCOPES.has(scope))
      throw new UserError(
        'reserved-scope',
        `scope '${scope}' is reserved for built-in plugins`,
        { scope },
        403,
      );
    return db.transaction().execute(async (trx) => {
      await trx
        .insertInto('plugin_scopes')
        .values({ scope, owner_tenant: tenantId })
        .onConflict((c) => c.column('scope').doNothing())
        .execute();
      const owner = await trx
        .selectFrom('plugin_scopes')
        .select('owner_tenant')
        .where('scope', '=', scope)
        .executeTakeFirstOrThrow();
      if (owner.owner_tenant !== tenantId)
        throw new UserError('scope-taken', `scope '${scope}' belongs to another publisher`, { scope }, 403);
      const existing = await trx
        .selectFrom('plugin_versions')
        .select(['sha256'])
        .where('plugin_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (existing) {
        if (existing.sha256 === pkg.sha256) return { id, version, sha256: pkg.sha256, created: false };
        throw new UserError(
          'version-exists',
          `${id}@${version} is already published with different content (sha256 ${existing.sha256}); publish a new version`,
          { id, version },
          409,
        );
      }
      await trx
        .insertInto('plugin_versions')
        .values({
          plugin_id: id,
          version,
          kind: pkg.manifest.kind,
          manifest: JSON.stringify(pkg.manifest),
          source: pkg.source,
          sha256: pkg.sha256,
          published_by_tenant: tenantId,
        })
        .execute();
      return { id, version, sha256: pkg.sha256, created: true };
    });
  }

  /** Every published version, newest first per plugin; `query` filters by id, title or description. */
  async function listPublished(query?: string): Promise<PublishedVersion[]> {
    let q = db
      .selectFrom('plugin_versions')
      .select(['plugin_id', 'version', 'kind', 'sha256', 'manifest', 'published_at']);
    if (query) {
      const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('plugin_id', 'ilike', like),
          eb(sql`manifest->>'title'`, 'ilike', like),
          eb(sql`manifest->>'description'`, 'ilike', like),
        ]),
      );
    }
    const rows = await q.orderBy('plugin_id').execute();
    return rows
      .map((r) => ({
        id: r.plugin_id,
        version: r.version,
        kind: r.kind,
        sha256: r.sha256,
        manifest: r.manifest,
        publishedAt: r.published_at,
      }))
      .sort((a, b) => a.id.localeCompare(b.id) || semver.rcompare(a.version, b.version));
  }

  /** The package of one published version, code included. */
  async function getPackage(id: string, version: string): Promise<PluginPackage> {
    const row = await db
      .selectFrom('plugin_versions')
      .select(['manifest', 'source', 'sha256'])
      .where('plugin_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('plugin version', `${id}@${version}`);
    return { manifest: row.manifest, source: row.source, sha256: row.sha256 };
  }

  /** Installs a published version for the tenant (idempotent). `version` may be a range: the highest match is installed. */
  async function install(tenantId: string, id: string, versionOrRange = '*'): Promise<InstalledVersion> {
    const versions = (
      await db.selectFrom('plugin_versions').select('version').where('plugin_id', '=', id).execute()
    ).map((r) => r.version);
    if (versions.length === 0) throw new NotFoundError('plugin', id);
    const version = semver.maxSatisfying(versions, versionOrRange);
    if (!version)
      throw new UserError(
        'no-matching-version',
        `no published version of ${id} satisfies '${versionOrRange}' (published: ${versions.join(', ')})`,
        {},
        404,
      );
    await asTenant(tenantId, (trx) =>
      trx
        .insertInto('plugin_installs')
        .values({ tenant_id: tenantId, plugin_id: id, version })
        .onConflict((c) => c.doNothing())
        .execute(),
    );
    // Not getPackage: the answer needs the manifest and hash, not the (up to 5 MB) code.
    const { manifest, sha256 } = await db
      .selectFrom('plugin_versions')
      .select(['manifest', 'sha256'])
      .where('plugin_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    return { id, version, sha256, manifest };
  }

  /** Removes one installed version, or every version of the plugin when `version` is omitted. */
  async function uninstall(tenantId: string, id: string, version?: string): Promise<number> {
    return asTenant(tenantId, async (trx) => {
      let q = trx.deleteFrom('plugin_installs').where('plugin_id', '=', id);
      if (version) q = q.where('version', '=', version);
      const result = await q.executeTakeFirst();
      const removed = Number(result.numDeletedRows);
      if (removed === 0) throw new NotFoundError('installed plugin', version ? `${id}@${version}` : id);
      return removed;
    });
  }

  /** Upgrades to the highest published version in `range` and removes the older installs of that plugin. */
  async function upgrade(tenantId: string, id: string, range = '*'): Promise<InstalledVersion> {
    const installed = await install(tenantId, id, range);
    await asTenant(tenantId, (trx) =>
      trx
        .deleteFrom('plugin_installs')
        .where('plugin_id', '=', id)
        .where('version', '!=', installed.version)
        .execute(),
    );
    return installed;
  }

  /** The tenant's installed versions with manifests. */
  async function listInstalled(tenantId: string): Promise<InstalledVersion[]> {
    return asTenant(tenantId, async (trx) => {
      const rows = await trx
        .selectFrom('plugin_installs as i')
        .innerJoin('plugin_versions as v', (j) =>
          j.onRef('v.plugin_id', '=', 'i.plugin_id').onRef('v.version', '=', 'i.version'),
        )
        .select(['i.plugin_id', 'i.version', 'v.sha256', 'v.manifest'])
        .orderBy('i.plugin_id')
        .execute();
      return rows.map((r) => ({
        id: r.plugin_id,
        version: r.version,
        sha256: r.sha256,
        manifest: r.manifest,
      }));
    });
  }

  return { publish, listPublished, getPackage, install, uninstall, upgrade, listInstalled };
}

/** The store's type. */
export type PluginStore = ReturnType<typeof createPluginStore>;
