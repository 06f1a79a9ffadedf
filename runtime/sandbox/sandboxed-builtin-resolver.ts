/**
 * A `uses:` resolver that runs built-in plugins in the sandbox pool, the same way installed
 * third-party plugins run: each node plugin's bundled package goes through createSandboxedPlugin.
 * The engine's control nodes (start, end, set, loop, parallel, workflow) are interpreted by the engine
 * and stay in-process; core/code compiles in the host and sends each snippet to the pool itself.
 */
import { createCodeNode } from '../../plugins/core-code/code-node.ts';
import type { PluginPackage } from '../../registry/plugin-package.ts';
import type { Plugin, PluginResolver, ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { createInProcessResolver } from '../engine/in-process-resolver.ts';
import type { SandboxPool } from './sandbox-pool.ts';
import { createSandboxedPlugin } from './sandboxed-plugin.ts';

/** What the resolver needs: the built-ins (for versions and manifests), their packages and a pool. */
export interface SandboxedBuiltinOptions {
  builtins: Plugin[];
  /** Bundled packages by id@version (registry/builtin-packages.ts). */
  packages: (id: string, version: string) => Promise<PluginPackage>;
  pool: SandboxPool;
}

/** Resolves built-ins to sandboxed plugins; version ranges resolve exactly as in-process. */
export function createSandboxedBuiltinResolver(options: SandboxedBuiltinOptions): PluginResolver {
  const inProcess = createInProcessResolver(options.builtins);
  const resolved = new Map<string, Promise<ResolvedPlugin>>();

  async function sandboxed(chosen: ResolvedPlugin): Promise<ResolvedPlugin> {
    const { manifest } = chosen;
    if (manifest.control) return chosen;
    if (manifest.id === 'core/code') return createCodeNode(options.pool);
    const pkg = await options.packages(manifest.id, manifest.version);
    // pkg.sha256 addresses manifest + module (what the run records); the sandbox keys isolates by the module's own hash.
    return {
      ...createSandboxedPlugin({ manifest: pkg.manifest, source: pkg.source }, options.pool),
      sha256: pkg.sha256,
    };
  }

  return async (uses) => {
    const chosen = await inProcess(uses);
    const key = `${chosen.manifest.id}@${chosen.manifest.version}`;
    let plugin = resolved.get(key);
    if (!plugin) {
      plugin = sandboxed(chosen);
      resolved.set(key, plugin);
      plugin.catch(() => resolved.delete(key));
    }
    return plugin;
  };
}
