/** A node plugin's manifest for unit tests: just enough to draw handles and check config. */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';

/** A node manifest for plugin `id` (titled `id`), with `extra` fields such as branches or control. */
export const testManifest = (id: string, extra: Partial<PluginManifest> = {}): PluginManifest => ({
  id,
  version: '1.0.0',
  kind: 'node',
  title: id,
  description: '',
  ...extra,
});
