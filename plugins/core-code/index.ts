/**
 * core/code: runs a JavaScript or TypeScript snippet in the sandbox (see manifest.ts).
 *
 * Two ways in:
 * - `createCodeNode(pool)`: the node bound to a pool the host owns (the host's resolver uses this).
 * - the default export: a plain plugin for loaders that import plugins/*\/index.ts. It runs on the
 *   process-wide pool from runtime/sandbox/default-pool.ts, created lazily on the first call (two
 *   worker processes with default limits; a host can swap it with setDefaultSandboxPool). Importing
 *   this file starts nothing.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { defaultSandboxPool } from '../../runtime/sandbox/default-pool.ts';
import { type CodeConfig, createCodeNode } from './code-node.ts';
import { codeManifest } from './manifest.ts';

export { type CodeConfig, createCodeNode } from './code-node.ts';
export { codeManifest } from './manifest.ts';

let shared: { pool: unknown; node: ReturnType<typeof createCodeNode> } | undefined;

/** core/code on the shared default pool. */
const plugin: NodePlugin<CodeConfig, unknown> = definePlugin({
  manifest: codeManifest,
  run(config, ctx) {
    const pool = defaultSandboxPool();
    if (shared?.pool !== pool) shared = { pool, node: createCodeNode(pool) };
    return shared.node.invoke(config as unknown as Record<string, unknown>, ctx);
  },
});

export default plugin;
