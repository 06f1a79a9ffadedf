/**
 * Runs the example workflows in this folder offline: built-in plugins in-process, sub-workflows
 * loaded from files beside their caller, and local capabilities over `data/`. Used by the golden
 * tests and usable from the CLI. Node-only.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadBuiltinPlugins } from '../plugins/load-builtins.ts';
import type { PluginManifest, PluginResolver } from '../registry/sdk/plugin.ts';
import { createInProcessResolver, parseUses } from '../runtime/engine/in-process-resolver.ts';
import { runWorkflow } from '../runtime/engine/run-workflow.ts';
import type { RunHandle, RunRecord } from '../runtime/engine/types.ts';
import { UserError } from '../runtime/workflow/errors.ts';
import {
  createWorkflowLoader,
  type LoadedWorkflow,
  withYamlExtension,
} from '../runtime/workflow/load-workflow.ts';
import type { Workflow } from '../runtime/workflow/types.ts';
import { createLocalCapabilities, type LocalCapabilities } from './local-services.ts';

/** The folder holding the example workflows. */
export const examplesDir = import.meta.dirname;

/** The path of a workflow ref (`faq-handling` or `./faq-handling.yaml`) seen from a folder. */
const fileFor = (dir: string, ref: string) => resolve(dir, withYamlExtension(ref));

/** An offline runner over one folder of workflows; its tables and kv live as long as it does. */
export async function createExampleRunner(
  options: {
    dir?: string;
    dataDir?: string;
    tenantId?: string;
    realTime?: boolean;
    /** Resolves `uses:` instead of running the built-ins in-process (e.g. through the sandbox). */
    resolvePlugin?: PluginResolver;
  } = {},
) {
  const dir = options.dir ?? examplesDir;
  const plugins = await loadBuiltinPlugins();
  const manifests = new Map<string, PluginManifest>(plugins.map((p) => [p.manifest.id, p.manifest]));
  const manifestFor = (uses: string) => manifests.get(parseUses(uses).id);
  const resolvePlugin = options.resolvePlugin ?? createInProcessResolver(plugins);
  const fileOf = new WeakMap<Workflow, string>();
  const loader = createWorkflowLoader({
    readFile: (path) => readFile(path, 'utf8'),
    resolve: (from, ref) => fileFor(dirname(from), ref),
    validate: { manifestFor, workflowExists: (ref) => existsSync(fileFor(dir, ref)) },
  });
  const capabilities: LocalCapabilities = createLocalCapabilities({
    dataDir: options.dataDir ?? join(dir, 'data'),
    manifestFor,
  });

  /** Loads a workflow by id or path, with every problem the loader found. */
  async function load(ref: string): Promise<LoadedWorkflow & { file: string }> {
    const file = fileFor(dir, ref);
    const loaded = await loader.load(file);
    if (loaded.workflow) fileOf.set(loaded.workflow, file);
    return { ...loaded, file };
  }

  // Valid workflows by file, for the runner's life: runs (and sub-workflow calls) do not re-read them.
  const valid = new Map<string, Promise<Workflow>>();

  /** Loads a workflow, refusing one with errors (the message names file, line and problem). */
  async function loadValid(ref: string, from = dir): Promise<Workflow> {
    const file = fileFor(from, ref);
    let pending = valid.get(file);
    if (!pending) {
      pending = loadValidUncached(ref, file);
      valid.set(file, pending);
      pending.catch(() => valid.delete(file)); // a fixed file is read again next time
    }
    return pending;
  }

  async function loadValidUncached(ref: string, file: string): Promise<Workflow> {
    const loaded = await load(file);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    if (!loaded.workflow || errors.length > 0) {
      const list = errors.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('; ');
      throw new UserError(
        'invalid-workflow',
        `workflow '${ref}' has problems: ${list || 'nothing could be loaded'}`,
      );
    }
    return loaded.workflow;
  }

  /** Starts a run and returns its handle (live trace events, result, cancel). */
  async function start(
    ref: string,
    input: unknown,
    runOptions: { signal?: AbortSignal } = {},
  ): Promise<RunHandle> {
    const workflow = await loadValid(ref);
    return runWorkflow(workflow, input, {
      resolvePlugin,
      loadWorkflow: (subRef, from) => loadValid(subRef, dirname(fileOf.get(from) ?? join(dir, 'index.yaml'))),
      capabilities,
      tenantId: options.tenantId ?? 'local',
      signal: runOptions.signal,
      // Retries in tests should not make them wait; the CLI asks for real time.
      ...(options.realTime ? {} : { sleep: async () => {} }),
    });
  }

  /** Runs a workflow to the end and returns its record. */
  async function run(ref: string, input: unknown): Promise<RunRecord> {
    return (await start(ref, input)).result;
  }

  return { load, loadValid, start, run, capabilities, manifestFor };
}
