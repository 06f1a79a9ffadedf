/**
 * Loads every built-in plugin: each folder in plugins/ whose index.ts default-exports a plugin.
 * Node-only (reads the folder); the studio gets manifests from the host's API instead.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from '../registry/sdk/plugin.ts';

const pluginsDir = dirname(fileURLToPath(import.meta.url));

/** True when a module's default export looks like a plugin (a manifest with id, version and kind). */
function isPlugin(value: unknown): value is Plugin {
  const manifest = (value as { manifest?: Record<string, unknown> } | undefined)?.manifest;
  return (
    typeof manifest?.id === 'string' &&
    typeof manifest.version === 'string' &&
    typeof manifest.kind === 'string'
  );
}

/** Every built-in plugin, sorted by id then version, loaded once per process. */
export const loadBuiltinPlugins = (() => {
  let loading: Promise<Plugin[]> | undefined;
  return () => {
    loading ??= (async () => {
      const entries = await readdir(pluginsDir, { withFileTypes: true });
      const folders = entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      const plugins: Plugin[] = [];
      for (const folder of folders) {
        const file = join(pluginsDir, folder, 'index.ts');
        // Shared helper folders (router-kit, judge-kit, node-kit) have no index.ts: they are not plugins.
        if (!existsSync(file)) continue;
        const mod: { default?: unknown } = await import(pathToFileURL(file).href);
        if (isPlugin(mod.default)) plugins.push(mod.default);
      }
      return plugins.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
    })();
    return loading;
  };
})();
