/**
 * Binds the browser-safe workflow loader to the file system, and gives the engine a sub-workflow
 * loader that resolves refs relative to the calling workflow's file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createWorkflowLoader } from '../workflow/load-workflow.ts';
import type { Problem, Workflow } from '../workflow/types.ts';
import { UserError } from '../workflow/errors.ts';

/** A workflow loaded from disk, with the file it came from. */
export interface FileWorkflow {
  workflow?: Workflow;
  problems: Problem[];
  file: string;
}

/** Resolves `ref` as seen from `from`: a path ending in .yaml/.yml, or an id meaning `<dir>/<id>.yaml`. */
export function resolveRef(from: string, ref: string): string {
  const path = /\.ya?ml$/.test(ref) ? ref : `${ref}.yaml`;
  return resolve(dirname(from), path);
}

/** Loads workflow files (following extends/overlays) and remembers which file each workflow came from. */
export function createFileWorkflows() {
  const loader = createWorkflowLoader({ readFile: (path: string) => readFile(path, 'utf8'), resolve: resolveRef });
  const fileOf = new WeakMap<Workflow, string>();

  async function load(file: string): Promise<FileWorkflow> {
    const absolute = resolve(file);
    const result = await loader.load(absolute);
    if (result.workflow) fileOf.set(result.workflow, absolute);
    return { workflow: result.workflow, problems: result.problems, file: absolute };
  }

  /** The engine's `loadWorkflow`: refuses a sub-workflow that has errors, naming its problems. */
  async function loadSubWorkflow(ref: string, from: Workflow): Promise<Workflow> {
    const base = fileOf.get(from) ?? resolve('workflows', 'index.yaml');
    const loaded = await load(resolveRef(base, ref));
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    if (!loaded.workflow || errors.length > 0) {
      const first = errors[0];
      throw new UserError(
        'invalid-subworkflow',
        `sub-workflow '${ref}' cannot be loaded: ${first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : 'no workflow'}`,
        { ref },
      );
    }
    return loaded.workflow;
  }

  return { load, loadSubWorkflow };
}
