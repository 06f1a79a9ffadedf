/**
 * Loads a workflow the way the engine and studio see it: parse the file, follow `extends:` and
 * `overlay:` to their bases, merge, and validate the result. File access is injected, so the same
 * loader runs in Node (fs), in the browser (fetch) and in tests (a Map).
 */
import { extendWorkflow } from './extend-workflow.ts';
import { applyOverlay } from './overlay.ts';
import { type ParsedWorkflow, type ParseOptions, parseWorkflow } from './parse-workflow.ts';
import { type JsonPath, type Locate, problemAt } from './source-locator.ts';
import { locateSourced, type SourcedWorkflow, sourcedFromParsed } from './sourced-workflow.ts';
import type { Problem, Workflow } from './types.ts';
import { duplicateIdProblems, type ValidateOptions, validateWorkflow } from './validate-workflow.ts';

/** How the loader reaches files. */
export interface WorkflowLoaderOptions {
  readFile: (path: string) => Promise<string>;
  /** The path of `ref` (already ending in .yaml) as seen from the file `from`; default: `resolveRelative`. */
  resolve?: (from: string, ref: string) => string;
  /** Limits for every file read (see `parseWorkflow`). */
  parse?: ParseOptions;
  /** Passed to `validateWorkflow` for the merged result; `false` skips validation. */
  validate?: ValidateOptions | false;
}

/** A loaded workflow: the merged model (when it has no errors), every problem, and the files read. */
export interface LoadedWorkflow {
  workflow?: Workflow;
  problems: Problem[];
  files: string[];
  /** Locates paths of the merged workflow in the file that wrote them. */
  locate?: Locate;
}

/** Creates a loader; `load` accepts a path or a ref (`support` means `support.yaml`). */
export function createWorkflowLoader(options: WorkflowLoaderOptions): {
  load(pathOrRef: string): Promise<LoadedWorkflow>;
} {
  const resolve = options.resolve ?? resolveRelative;

  async function loadSourced(
    path: string,
    chain: string[],
    referrer: { locate: Locate; path: JsonPath } | undefined,
    files: string[],
    problems: Problem[],
  ): Promise<SourcedWorkflow | undefined> {
    const where = () =>
      referrer ? referrer.locate(referrer.path) : { file: path, line: 1, column: 1, path: '' };
    if (chain.includes(path)) {
      const loop = [...chain.slice(chain.indexOf(path)), path].join(' → ');
      problems.push(
        problemAt(
          where(),
          'extends-cycle',
          `extends cycle: ${loop}; a workflow cannot (indirectly) extend itself`,
        ),
      );
      return undefined;
    }
    let text: string;
    try {
      text = await options.readFile(path);
    } catch (error) {
      const what = referrer ? 'base workflow' : 'workflow';
      problems.push(
        problemAt(where(), 'unknown-workflow', `cannot read ${what} '${path}': ${(error as Error).message}`),
      );
      return undefined;
    }
    files.push(path);
    const parsed = parseWorkflow(text, path, options.parse);
    problems.push(...parsed.problems);
    if (parsed.overlay) return withBase(parsed, parsed.overlay.overlay, ['overlay'], chain, files, problems);
    if (!parsed.workflow) {
      // Schema errors should not hide graph problems: report every problem at once.
      if (parsed.value !== undefined && options.validate !== false && chain.length === 0) {
        problems.push(
          ...validateWorkflow({ value: parsed.value, locate: parsed.locate }, options.validate || {}),
        );
      }
      return undefined;
    }
    if (parsed.workflow.extends === undefined)
      return sourcedFromParsed(parsed as ParsedWorkflow & { workflow: Workflow });
    problems.push(...duplicateIdProblems(parsed.workflow.nodes ?? [], parsed.locate));
    return withBase(parsed, parsed.workflow.extends, ['extends'], chain, files, problems);
  }

  async function withBase(
    parsed: ParsedWorkflow,
    ref: string,
    refPath: JsonPath,
    chain: string[],
    files: string[],
    problems: Problem[],
  ): Promise<SourcedWorkflow | undefined> {
    const basePath = resolve(parsed.file, withYamlExtension(ref));
    const base = await loadSourced(
      basePath,
      [...chain, parsed.file],
      { locate: parsed.locate, path: refPath },
      files,
      problems,
    );
    if (!base) return undefined;
    if (parsed.overlay) {
      const applied = applyOverlay(base, parsed.overlay, parsed.locate);
      problems.push(...applied.problems);
      return applied.sourced;
    }
    return extendWorkflow(base, parsed as ParsedWorkflow & { workflow: Workflow });
  }

  return {
    async load(pathOrRef) {
      const files: string[] = [];
      const problems: Problem[] = [];
      const sourced = await loadSourced(withYamlExtension(pathOrRef), [], undefined, files, problems);
      if (!sourced) return { problems, files };
      const locate = locateSourced(sourced);
      if (options.validate !== false)
        problems.push(...validateWorkflow({ workflow: sourced.workflow, locate }, options.validate || {}));
      const ok = !problems.some((p) => p.severity === 'error');
      return { workflow: ok ? sourced.workflow : undefined, problems, files, locate };
    },
  };
}

/** `support` → `support.yaml`; paths already ending in .yaml/.yml are kept. */
export function withYamlExtension(ref: string): string {
  return /\.ya?ml$/i.test(ref) ? ref : `${ref}.yaml`;
}

/** Resolves `ref` against the folder of `from`, POSIX-style (`./`, `../`, absolute `/x`). Browser-safe. */
export function resolveRelative(from: string, ref: string): string {
  if (ref.startsWith('/')) return normalize(ref);
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  return normalize(dir + ref);
}

function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}
