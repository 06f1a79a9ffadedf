/** What a router's or a judge's manifest states for itself; the kits fill in what the kind shares. */
import type { JsonSchema, Permissions, PluginKind, PluginManifest } from '../../registry/sdk/plugin.ts';

/** The fields that differ from one router or judge manifest to the next. */
export interface PluginDescription {
  id: string;
  version: string;
  title: string;
  description: string;
  icon: string;
  config: JsonSchema;
  /** Capabilities the plugin needs (judge/llm asks for `llm`); none by default. */
  permissions?: Permissions;
}

/** What one kind of plugin shares: its kind, its palette category and the schema of its answer. */
export interface KindDefaults<K extends PluginKind> {
  kind: K;
  category: string;
  outputs: JsonSchema;
}

/** The full manifest: the plugin's own description with its kind's shared fields. */
export function manifestOf<K extends PluginKind>(
  shared: KindDefaults<K>,
  plugin: PluginDescription,
): PluginManifest & { kind: K } {
  const { id, version, title, description, icon, config, permissions = {} } = plugin;
  const { kind, category, outputs } = shared;
  return { id, version, kind, title, description, category, icon, config, outputs, permissions };
}
