/**
 * Bundles a plugin's entry file into one ES module with no imports (esbuild), reads its manifest,
 * and returns the content-addressed package ready to publish.
 */
import { build } from 'esbuild';
import { UserError } from '../runtime/workflow/errors.ts';
import { createPluginPackage, type PluginPackage } from './plugin-package.ts';

/** Bundles `entry` (e.g. plugins/core-intent/index.ts) for the sandbox: neutral platform, no Node APIs. */
export async function bundlePlugin(entry: string): Promise<PluginPackage> {
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2023',
      write: false,
      minify: false,
      legalComments: 'none',
      logLevel: 'silent',
      mainFields: ['module', 'main'],
    });
  } catch (error) {
    const errors =
      (
        error as {
          errors?: Array<{ text: string; location?: { file: string; line: number; column: number } }>;
        }
      ).errors ?? [];
    const lines = errors.map((e) =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text,
    );
    throw new UserError('bundle-failed', `cannot bundle ${entry}: ${lines.join('; ') || String(error)}`);
  }
  const source = result.outputFiles?.[0]?.text ?? '';
  // The manifest is data inside the developer's own bundle; loading the bundle (not the source file)
  // always reads the current build, where Node's module cache would keep the first import forever.
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as {
    default?: { manifest?: unknown };
  };
  if (!mod.default?.manifest) {
    throw new UserError('invalid-package', `${entry} must default-export definePlugin({ manifest, ... })`);
  }
  return createPluginPackage(mod.default.manifest, source);
}
