/**
 * core/code bound to a sandbox pool: each call strips the snippet's types (cached) and runs it in
 * the tenant's isolate for that snippet.
 */
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import type { SandboxPool } from '../../runtime/sandbox/sandbox-pool.ts';
import { NodeError } from '../../runtime/workflow/errors.ts';
import { type CodeLanguage, codeModule } from './code-module.ts';
import { codeManifest } from './manifest.ts';

/** The node's `with:` block. */
export interface CodeConfig {
  /** Required; optional in the type only because `with:` arrives unchecked and is validated here. */
  code?: string;
  language?: CodeLanguage;
  input?: unknown;
  vars?: Record<string, unknown>;
}

/** A core/code node that runs snippets in `pool`. */
export function createCodeNode(pool: SandboxPool): ResolvedPlugin {
  return {
    manifest: codeManifest,
    sha256: `builtin:${codeManifest.id}@${codeManifest.version}`,
    async invoke(config, ctx) {
      const { code, language = 'typescript', input, vars } = config as CodeConfig;
      if (typeof code !== 'string' || code.trim() === '') {
        throw new NodeError('invalid-config', 'core/code needs `code`: the JavaScript or TypeScript to run', {
          nodeId: ctx.nodeId,
        });
      }
      if (language !== 'typescript' && language !== 'javascript') {
        throw new NodeError(
          'invalid-config',
          `core/code: language must be 'typescript' or 'javascript', not '${String(language)}'`,
          { nodeId: ctx.nodeId },
        );
      }
      const module = await codeModule(code, language, ctx.nodeId);
      return pool.run({
        manifest: codeManifest,
        sha256: module.sha256,
        source: module.source,
        // The snippet sees only `input` and `context.vars`, so an absent `vars` is left out rather
        // than sent as an undefined member (which costs a patch-up on both sides, config-encoding.ts).
        config: vars === undefined ? { input } : { input, vars },
        ctx,
      });
    },
  };
}
