/**
 * What a tenant can use: built-in plugins, the versions it installed from the registry, and dev
 * builds loaded by `flow plugin dev`. Gives the palette and the engine's `uses:` resolver.
 * Installed and dev plugins always run in the sandbox pool; built-ins run in-process unless
 * `sandboxBuiltins` is set (they are bundled and sandboxed exactly like third-party code then).
 * Routed LLM calls get the tenant's routers, judges and providers from `strategyPlugins`: built-ins
 * in-process, installed versions and dev builds sandboxed.
 */
import type { Kysely } from 'kysely';
import semver from 'semver';
import { createCodeNode } from '../plugins/core-code/code-node.ts';
import { createInProcessResolver } from '../runtime/engine/in-process-resolver.ts';
import type { SandboxPool } from '../runtime/sandbox/sandbox-pool.ts';
import { createSandboxedPlugin, moduleSha256 } from '../runtime/sandbox/sandboxed-plugin.ts';
import {
  createSandboxedStrategy,
  type ModuleCode,
  type SandboxedStrategy,
} from '../runtime/sandbox/sandboxed-strategy.ts';
import { FlowError, UserError } from '../runtime/workflow/errors.ts';
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

/** A router, judge or provider a routed LLM call may name: a built-in, or a sandboxed one with its origin. */
export type CatalogStrategy = Plugin | (SandboxedStrategy & { origin: 'dev' | 'installed' });

const STRATEGY_KINDS = new Set(['router', 'judge', 'provider']);
// Installed strategy modules kept in memory (they are immutable per version), so a routed call does not read its code each time.
const MAX_STRATEGY_MODULES = 64;

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
  const strategyModules = new Map<string, Promise<ModuleCode>>();
  let builtinsLoaded:
    | Promise<{ plugins: Plugin[]; entries: CatalogEntry[]; resolve: PluginResolver }>
    | undefined;
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
      return { plugins, entries, resolve: createInProcessResolver(plugins) };
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
    const { kind, id } = pkg.manifest;
    if (kind === 'node') return { ...resolved, sha256: pkg.sha256 };
    // A router, judge or provider is called by routed LLM calls, never as a step of a workflow.
    return {
      ...resolved,
      sha256: pkg.sha256,
      invoke: async () => {
        throw new FlowError(
          'not-a-node',
          `plugin '${id}' is a ${kind} plugin; it cannot be used as a workflow node`,
        );
      },
    };
  }

  /** An installed version's module and its hash, read and hashed once per id@version (published versions never change). */
  function installedCode(id: string, version: string): Promise<ModuleCode> {
    const key = `${id}@${version}`;
    let code = strategyModules.get(key);
    if (!code) {
      if (strategyModules.size >= MAX_STRATEGY_MODULES)
        strategyModules.delete(strategyModules.keys().next().value!);
      code = store
        .getPackage(id, version)
        .then((pkg) => ({ source: pkg.source, sha256: moduleSha256(pkg.source) }));
      code.catch(() => strategyModules.delete(key)); // a failed read is tried again next time
      strategyModules.set(key, code);
    }
    return code;
  }

  /**
   * The routers, judges and providers the tenant's routed LLM calls may name: dev builds first, then
   * installed versions (both run in the sandbox; an installed module is read only when a call picks
   * it), then the built-ins, which run in-process.
   */
  async function strategyPlugins(tenantId: string): Promise<CatalogStrategy[]> {
    const [installed, { plugins }] = await Promise.all([store.listInstalled(tenantId), builtins()]);
    const pool: SandboxPool = options.pool ?? withoutSandbox;
    const strategies: CatalogStrategy[] = [];
    for (const pkg of dev.get(tenantId)?.values() ?? [])
      if (STRATEGY_KINDS.has(pkg.manifest.kind))
        strategies.push({ ...createSandboxedStrategy(pkg, pool, { tenantId }), origin: 'dev' });
    for (const { id, version, manifest } of installed)
      if (STRATEGY_KINDS.has(manifest.kind)) {
        const source = () => installedCode(id, version);
        strategies.push({
          ...createSandboxedStrategy({ manifest, source }, pool, { tenantId }),
          origin: 'installed',
        });
      }
    return [...strategies, ...plugins];
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

  return { store, loadDev, available, resolverFor, strategyPlugins };
}

/** Stands in for the pool on a host that runs without one: every call is refused, clearly. */
const withoutSandbox: SandboxPool = {
  size: 0,
  run: async (call) => {
    throw new UserError(
      'sandbox-unavailable',
      `${call.manifest.id} needs the sandbox, which this host runs without`,
    );
  },
  processIds: () => [],
  close: async () => {},
};

/** The catalog's type, as host services hold it. */
export type PluginCatalog = ReturnType<typeof createPluginCatalog>;
