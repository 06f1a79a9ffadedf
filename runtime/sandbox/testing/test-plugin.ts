/**
 * Builds sandboxed test plugins from a snippet of module source, for tests and benchmarks.
 */
import type { Permissions, ResolvedPlugin } from '../../../registry/sdk/plugin.ts';
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
  const manifest = {
    id: `test/${name}`,
    version: '1.0.0',
    kind: 'node' as const,
    title: name,
    description: `test plugin ${name}`,
    permissions,
  };
  return createSandboxedPlugin({ manifest, source }, pool, { limits });
}

/** Module source whose `run(config, ctx)` is the given async function body. */
export function runBody(body: string): string {
  return `export default definePlugin({ async run(config, ctx) {\n${body}\n} });`;
}
