/** The registry's tables as Kysely sees them (see migrations/0010_plugin_registry.ts). */
import type { ColumnType } from 'kysely';
import type { PluginManifest } from './sdk/plugin.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Who owns a scope: the first tenant to publish under it. */
export interface PluginScopeTable {
  scope: string;
  owner_tenant: string;
  created_at: CreatedAt;
}
/** One published, immutable plugin version. */
export interface PluginVersionTable {
  plugin_id: string;
  version: string;
  kind: string;
  manifest: ColumnType<PluginManifest, string, never>;
  source: string;
  sha256: string;
  published_by_tenant: string | null;
  published_at: CreatedAt;
}
/** A version a tenant installed. */
export interface PluginInstallTable {
  tenant_id: string;
  plugin_id: string;
  version: string;
  installed_at: CreatedAt;
}

/** The registry's part of the database. */
export interface RegistryTables {
  plugin_scopes: PluginScopeTable;
  plugin_versions: PluginVersionTable;
  plugin_installs: PluginInstallTable;
}
