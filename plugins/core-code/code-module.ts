/**
 * Turns a code node's snippet into the bundled module the sandbox runs. Types are stripped with
 * esbuild here in the host (the sandbox has no compiler); the result is cached by snippet.
 */
import { createHash } from 'node:crypto';
import { type TransformFailure, transform } from 'esbuild';
import { NodeError } from '../../runtime/workflow/errors.ts';

/** A module ready for the sandbox, with its sha256 (the isolate cache key). */
export interface CodeModule {
  source: string;
  sha256: string;
}

/** The languages a snippet can be written in. */
export type CodeLanguage = 'typescript' | 'javascript';

// The snippet becomes the body of its own function, so it sees `input` and `context` but not the node's ctx.
const HEADER = 'async function userCode(input, context) {\n';
const FOOTER = `
}
export async function run(config, ctx) {
  const context = Object.freeze({ runId: ctx.runId, nodeId: ctx.nodeId, vars: config.vars });
  return userCode(config.input, context);
}
`;
const HEADER_LINES = 1;
const CACHE_SIZE = 500;
// One cache per language, keyed by the snippet itself: a warm call hashes the code string V8 has
// already hashed, instead of building (and hashing) a new `language + code` key every call.
const caches: Record<CodeLanguage, Map<string, Promise<CodeModule>>> = {
  typescript: new Map(),
  javascript: new Map(),
};

/** The sandbox module for a snippet; a syntax error is a NodeError naming the line and column. */
export function codeModule(code: string, language: CodeLanguage, nodeId: string): Promise<CodeModule> {
  const cache = caches[language];
  let module = cache.get(code);
  if (!module) {
    module = build(code, language, nodeId);
    cache.set(code, module);
    module.catch(() => cache.delete(code));
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return module;
}

async function build(code: string, language: CodeLanguage, nodeId: string): Promise<CodeModule> {
  try {
    const result = await transform(HEADER + code + FOOTER, {
      loader: language === 'javascript' ? 'js' : 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: 'code',
    });
    return { source: result.code, sha256: createHash('sha256').update(result.code).digest('hex') };
  } catch (error) {
    const first = (error as TransformFailure).errors?.[0];
    if (!first) throw error;
    const where = first.location
      ? ` at line ${first.location.line - HEADER_LINES}, column ${first.location.column + 1}`
      : '';
    throw new NodeError('code-syntax', `the code has a syntax error${where}: ${first.text}`, {
      nodeId,
      line: first.location?.line,
    });
  }
}
