/**
 * A plugin package: its manifest plus one bundled ES module, addressed by sha256 over both, so a
 * published version can never change its code or its declared permissions.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../runtime/workflow/errors.ts';
import type { PluginManifest } from './sdk/plugin.ts';
import { assertValidManifest } from './validate-manifest.ts';

/** What is published and installed. */
export interface PluginPackage {
  manifest: PluginManifest;
  /** The bundled ES module (no imports) whose default export is the plugin. */
  source: string;
  sha256: string;
}

/** Largest bundled module the registry accepts. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** JSON with object keys sorted, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The content address of a manifest + module pair. */
export function packageHash(manifest: PluginManifest, source: string): string {
  return createHash('sha256').update(canonicalJson(manifest)).update('\n').update(source).digest('hex');
}

/** Builds a package, validating the manifest and the module size. */
export function createPluginPackage(manifest: unknown, source: string): PluginPackage {
  const valid = assertValidManifest(manifest);
  if (typeof source !== 'string' || source.length === 0) {
    throw new UserError('invalid-package', 'plugin package has no module source');
  }
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
    throw new UserError(
      'invalid-package',
      `plugin module is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`,
      {},
      413,
    );
  }
  return { manifest: valid, source, sha256: packageHash(valid, source) };
}

/** Checks a package received over the wire: the claimed sha256 must match its content. */
export function verifyPluginPackage(input: {
  manifest: unknown;
  source: string;
  sha256?: string;
}): PluginPackage {
  const pkg = createPluginPackage(input.manifest, input.source);
  if (input.sha256 !== undefined && input.sha256 !== pkg.sha256) {
    throw new UserError(
      'hash-mismatch',
      `package sha256 ${input.sha256} does not match its content (${pkg.sha256})`,
      {},
      422,
    );
  }
  return pkg;
}
