/**
 * What a tenant can use: built-in plugins, the versions it installed from the registry, and dev
 * builds loaded by `flow plugin dev`. Gives the palette and the engine's `uses:` resolver.
 * Installed and dev plugins always run in the sandbox pool; built-ins run in-process unless
 * `sandboxBuiltins` is set (they are bundled and sandboxed exactly like third-party code then).
 */
import type { Kysely } from 'kysely';
import semver from 'semver';
import { createCodeNode } from '../plugins/core-code/code-node.ts';
import { createInProcessResolver } from '../runtime/engine/in-process-resolver.ts';
import type { SandboxPool } from '../runtime/sandbox/sandbox-pool.ts';
import { createSandboxedPlugin } from '../runtime/sandbox/sandboxed-plugin.ts';
import { UserError } from '../runtime/workflow/errors.ts';
import type { PluginPackage } from './plugin-package.ts';
import { createPluginStore, type PluginStore } from './plugin-store.ts';
import { parseUses } from './resolve-version.ts';
import type { Plugin, PluginManifest, PluginResolver, ResolvedPlugin } from './sdk/plugin.ts';

/** One palette entry. */
export interface CatalogEntry {
  id: string;
  version: string;
  sha256: string;
  source: 'builtin' | 'installed' | 'dev';
  manifest: PluginManifest;
}

/** Options for a catalog. */
export interface PluginCatalogOptions {
  // biome-ignore lint/suspicious/noExplicitAny: the host's database, whatever its other tables; only the registry's are used
  db: Kysely<any>;
  /** The built-in plugins, or a loader called once on first use. */
  builtins: Plugin[] | (() => Promise<Plugin[]>);
  pool?: SandboxPool;
  /** Bundled built-ins by id@version, when built-ins should run sandboxed too. */
  builtinPackages?: (id: string, version: string) => Promise<PluginPackage>;
}

/** Creates the catalog over the registry store. */
export function createPluginCatalog(options: PluginCatalogOptions) {
  const store: PluginStore = createPluginStore(options.db);
  const dev = new Map<string, Map<string, PluginPackage>>(); // tenant → plugin id → package
  let builtinsLoaded: Promise<{ entries: CatalogEntry[]; resolve: PluginResolver }> | undefined;
  const builtins = () =>
    (builtinsLoaded ??= (async () => {
      const plugins = typeof options.builtins === 'function' ? await options.builtins() : options.builtins;
      const entries = plugins.map(
        (p): CatalogEntry => ({
          id: p.manifest.id,
          version: p.manifest.version,
          sha256: `builtin:${p.manifest.id}@${p.manifest.version}`,
          source: 'builtin',
          manifest: p.manifest,
        }),
      );
      return { entries, resolve: createInProcessResolver(plugins) };
    })());

  /** Loads a dev build for one tenant; it wins over installed versions of the same id until replaced. */
  function loadDev(tenantId: string, pkg: PluginPackage): void {
    if (!dev.has(tenantId)) dev.set(tenantId, new Map());
    dev.get(tenantId)!.set(pkg.manifest.id, pkg);
  }

  /** Everything the tenant can use, dev builds first, then installed, then built-in. */
  async function available(tenantId: string): Promise<CatalogEntry[]> {
    const installed = await store.listInstalled(tenantId);
    const devEntries = [...(dev.get(tenantId)?.values() ?? [])].map(
      (p): CatalogEntry => ({
        id: p.manifest.id,
        version: p.manifest.version,
        sha256: p.sha256,
        source: 'dev',
        manifest: p.manifest,
      }),
    );
    return [
      ...devEntries,
      ...installed.map((i): CatalogEntry => ({ ...i, source: 'installed' })),
      ...(await builtins()).entries,
    ];
  }

  function sandboxed(pkg: PluginPackage): ResolvedPlugin {
    if (!options.pool)
      throw new UserError(
        'sandbox-unavailable',
        `${pkg.manifest.id} needs the sandbox, which this host runs without`,
      );
    const resolved = createSandboxedPlugin({ manifest: pkg.manifest, source: pkg.source }, options.pool);
    return { ...resolved, sha256: pkg.sha256 };
  }

  /** A resolver over what the tenant can use now (a snapshot: installs made later need a new resolver). */
  async function resolverFor(tenantId: string): Promise<PluginResolver> {
    const entries = await available(tenantId);
    const cache = new Map<string, ResolvedPlugin>();
    return async (uses) => {
      const { id, range } = parseUses(uses);
      const devBuild = dev.get(tenantId)?.get(id);
      if (devBuild && semver.satisfies(devBuild.manifest.version, range, { includePrerelease: true }))
        return sandboxed(devBuild);
      const candidates = entries.filter((e) => e.id === id && e.source !== 'dev');
      const version = semver.maxSatisfying(
        candidates.map((c) => c.version),
        range,
      );
      const chosen = candidates.find((c) => c.version === version);
      if (!chosen) {
        const have = candidates.map((c) => c.version);
        throw new UserError(
          'plugin-not-found',
          `no version of ${id} satisfies '${range}' (${have.length ? `available: ${have.join(', ')}` : 'not installed for this tenant'})`,
          { uses },
        );
      }
      const key = `${chosen.source}:${chosen.id}@${chosen.version}`;
      let resolved = cache.get(key);
      if (!resolved) {
        if (chosen.source === 'installed')
          resolved = sandboxed(await store.getPackage(chosen.id, chosen.version));
        // core/code compiles snippets with esbuild in the host and sends each one to the pool itself.
        else if (chosen.source === 'builtin' && chosen.id === 'core/code' && options.pool)
          resolved = createCodeNode(options.pool);
        else if (options.builtinPackages && options.pool && !chosen.manifest.control)
          resolved = sandboxed(await options.builtinPackages(chosen.id, chosen.version));
        else resolved = await (await builtins()).resolve(`${chosen.id}@${chosen.version}`);
        cache.set(key, resolved);
      }
      return resolved;
    };
  }

  return { store, loadDev, available, resolverFor };
}

/** The catalog's type, as host services hold it. */
export type PluginCatalog = ReturnType<typeof createPluginCatalog>;
