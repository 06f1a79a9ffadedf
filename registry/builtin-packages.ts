/**
 * Built-in plugins as registry packages, so a host can run them in the sandbox exactly like
 * third-party code (DESIGN.md: "Built-in plugins go through the same path as third-party ones").
 * Each one is bundled from plugins/<folder>/index.ts with esbuild on first use and kept.
 * Node-only (reads plugins/ and runs esbuild).
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinPlugins } from '../plugins/load-builtins.ts';
import { NotFoundError, UserError } from '../runtime/workflow/errors.ts';
import { bundlePlugin } from './bundle-plugin.ts';
import type { PluginPackage } from './plugin-package.ts';
import type { Plugin } from './sdk/plugin.ts';

/** Bundles built-in plugins on demand: `(id, version) => package`, as PluginCatalogOptions.builtinPackages wants. */
export type BuiltinPackages = (id: string, version: string) => Promise<PluginPackage>;

/**
 * Built-ins whose own code must run in the host, with why. They still run untrusted code only in the
 * sandbox: core/code compiles a snippet with esbuild here and sends the snippet to the pool itself.
 */
export const HOST_SIDE_BUILTINS: Readonly<Record<string, string>> = {
  'core/code':
    'it compiles snippets with esbuild in the host and runs each snippet in the sandbox itself (createCodeNode(pool))',
};

const defaultPluginsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'plugins');

/** Options for tests: another plugins folder and its plugins. */
export interface BuiltinPackagesOptions {
  pluginsDir?: string;
  /** The plugins found in `pluginsDir` (default: loadBuiltinPlugins()). */
  plugins?: Plugin[] | (() => Promise<Plugin[]>);
}

/** A bundler for the built-in plugins; each id@version is bundled once, concurrent asks share the build. */
export function createBuiltinPackages(options: BuiltinPackagesOptions = {}): BuiltinPackages {
  const pluginsDir = options.pluginsDir ?? defaultPluginsDir;
  const cache = new Map<string, Promise<PluginPackage>>();
  let folders: Promise<Map<string, string>> | undefined;

  async function loadPlugins(): Promise<Plugin[]> {
    const given = options.plugins;
    if (!given) return loadBuiltinPlugins();
    return typeof given === 'function' ? given() : given;
  }

  /** id@version → folder, for every folder whose name is the plugin's id with '/' turned into '-'. */
  async function folderIndex(): Promise<Map<string, string>> {
    const [entries, plugins] = await Promise.all([
      readdir(pluginsDir, { withFileTypes: true }),
      loadPlugins(),
    ]);
    const names = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const index = new Map<string, string>();
    for (const { manifest } of plugins) {
      const folder = manifest.id.replace('/', '-');
      if (names.has(folder)) index.set(`${manifest.id}@${manifest.version}`, folder);
    }
    return index;
  }

  async function bundle(id: string, version: string): Promise<PluginPackage> {
    const why = HOST_SIDE_BUILTINS[id];
    if (why)
      throw new UserError('host-side-plugin', `${id} is not bundled for the sandbox: ${why}`, { plugin: id });
    folders ??= folderIndex();
    const index = await folders.catch((error: unknown) => {
      folders = undefined; // a failed scan (a plugin mid-edit) must not stick
      throw error;
    });
    const folder = index.get(`${id}@${version}`);
    if (!folder) throw new NotFoundError('built-in plugin', `${id}@${version}`);
    const pkg = await bundlePlugin(join(pluginsDir, folder, 'index.ts'));
    // The folder's code may have changed since the manifests were read (dev reload): never hand out a mismatch.
    if (pkg.manifest.id !== id || pkg.manifest.version !== version) {
      throw new UserError(
        'builtin-mismatch',
        `plugins/${folder}/index.ts now bundles ${pkg.manifest.id}@${pkg.manifest.version}, not ${id}@${version}`,
      );
    }
    return pkg;
  }

  return (id, version) => {
    const key = `${id}@${version}`;
    let pkg = cache.get(key);
    if (!pkg) {
      pkg = bundle(id, version);
      cache.set(key, pkg);
      pkg.catch(() => cache.delete(key));
    }
    return pkg;
  };
}
