/**
 * A plugin whose code runs in the sandbox pool, wrapped as the same ResolvedPlugin the engine gets
 * for in-process plugins.
 */
import { createHash } from 'node:crypto';
import type { PluginManifest, ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../workflow/errors.ts';
import type { SandboxLimits } from './limits.ts';
import type { SandboxPool } from './sandbox-pool.ts';

/** A published plugin version: its manifest and its bundled module. */
export interface SandboxedPluginSource {
  manifest: PluginManifest;
  /** Bundled ES module text, no imports, exporting `default definePlugin({...})` or `run`. */
  source: string;
  /** sha256 (hex) of `source`; checked here so a cached isolate can never run different code. */
  sha256?: string;
}

/** sha256 of a module's text, hex. */
export function moduleSha256(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** Wraps a plugin version so the engine runs it in `pool`; `limits` can only tighten the plan's. */
export function createSandboxedPlugin(
  plugin: SandboxedPluginSource,
  pool: SandboxPool,
  options: { limits?: Partial<SandboxLimits> } = {},
): ResolvedPlugin {
  const { manifest, source } = plugin;
  const sha256 = moduleSha256(source);
  const declared = plugin.sha256?.replace(/^sha256:/, '').toLowerCase();
  if (declared !== undefined && declared !== sha256) {
    throw new UserError(
      'plugin-hash-mismatch',
      `${manifest.id}@${manifest.version}: the module's sha256 is ${sha256}, not ${declared}`,
      {
        plugin: manifest.id,
      },
    );
  }
  return {
    manifest,
    sha256,
    invoke: (config, ctx) => pool.run({ manifest, sha256, source, config, ctx, limits: options.limits }),
  };
}
