/**
 * Builds sandboxed test plugins from a snippet of module source, for tests and benchmarks.
 */
import type {
  Permissions,
  PluginKind,
  PluginManifest,
  ResolvedPlugin,
} from '../../../registry/sdk/plugin.ts';
import type { SandboxLimits } from '../limits.ts';
import type { SandboxPool } from '../sandbox-pool.ts';
import { createSandboxedPlugin } from '../sandboxed-plugin.ts';

/** A sandboxed node plugin `test/<name>` whose module is `source`. */
export function testPlugin(
  pool: SandboxPool,
  name: string,
  source: string,
  permissions: Permissions = {},
  limits?: Partial<SandboxLimits>,
): ResolvedPlugin {
  const manifest = testManifest(`test/${name}`, 'node', permissions);
  return createSandboxedPlugin({ manifest, source }, pool, { limits });
}

/** The manifest of test plugin `id` (`scope/name`, version 1.0.0) of `kind` with `permissions`. */
export function testManifest(
  id: string,
  kind: PluginKind = 'node',
  permissions: Permissions = {},
): PluginManifest {
  const title = id.slice(id.indexOf('/') + 1);
  return { id, version: '1.0.0', kind, title, description: `test ${kind} ${title}`, permissions };
}

/** Module source whose `run(config, ctx)` is the given async function body. */
export function runBody(body: string): string {
  return `export default definePlugin({ async run(config, ctx) {\n${body}\n} });`;
}
