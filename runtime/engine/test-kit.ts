/**
 * Tiny plugins and a run helper for engine tests (and other helpers' tests that need a real run):
 * workflows are plain objects, plugins are a few lines each.
 */
import { definePlugin, type NodeContext, type NodePlugin, type Plugin } from '../../registry/sdk/plugin.ts';
import { NotFoundError } from '../workflow/errors.ts';
import type { Workflow } from '../workflow/types.ts';
import { controlPlugins } from './control-plugins.ts';
import { createInProcessResolver } from './in-process-resolver.ts';
import { runWorkflow } from './run-workflow.ts';
import type { RunHandle, RunOptions, RunRecord } from './types.ts';

/** A node plugin `test/<name>@<version>` that runs `run`. */
export function testPlugin(
  name: string,
  run: (config: Record<string, unknown>, ctx: NodeContext) => unknown,
  version = '1.0.0',
): NodePlugin {
  return definePlugin({
    manifest: { id: `test/${name}`, version, kind: 'node', title: name, description: `test plugin ${name}` },
    run,
  });
}

/** Waits `ms` but stops early (rejecting) when the signal aborts, like a well-behaved plugin. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** The usual test plugins: echo returns its config, fail throws `with.message`, sleep waits `with.ms`. */
export const basicPlugins: Plugin[] = [
  testPlugin('echo', (config) => config),
  testPlugin('fail', (config) => {
    throw new Error(String(config.message ?? 'boom'));
  }),
  testPlugin('sleep', async (config, ctx) => {
    await wait(Number(config.ms ?? 10), ctx.signal);
    return { slept: config.ms, value: config.value };
  }),
];

/** Options for a test run: plugins, sub-workflows by id, and any RunOptions override. */
export interface TestRunOptions extends Partial<RunOptions> {
  plugins?: Plugin[];
  workflows?: Workflow[];
}

/** Starts a run with in-process plugins (basic ones + `plugins`) and sub-workflows looked up by id. */
export function startTestRun(
  workflow: Workflow,
  input: unknown = {},
  options: TestRunOptions = {},
): RunHandle {
  const { plugins = [], workflows = [], ...rest } = options;
  const resolvePlugin = createInProcessResolver([...basicPlugins, ...controlPlugins, ...plugins]);
  const loadWorkflow = async (ref: string) => {
    const found = [workflow, ...workflows].find((w) => w.id === ref);
    if (!found) throw new NotFoundError('workflow', ref);
    return found;
  };
  return runWorkflow(workflow, input, {
    resolvePlugin,
    loadWorkflow,
    runId: 'test-run',
    sleep: async () => {},
    ...rest,
  });
}

/** Runs to the end and returns the record. */
export function runTest(
  workflow: Workflow,
  input: unknown = {},
  options: TestRunOptions = {},
): Promise<RunRecord> {
  return startTestRun(workflow, input, options).result;
}

/** Compact trace lines like `node.completed a` / `node.failed b[cancelled]` for order assertions. */
export function traceLines(record: RunRecord, types?: string[]): string[] {
  return record.events
    .filter((e) => !types || types.includes(e.type))
    .map((e) =>
      [e.type, e.nodeId, e.scope && `@${e.scope}`, e.error && `[${e.error.code}]`].filter(Boolean).join(' '),
    );
}

/** Checks what the studio needs from a control node's manifest: palette data and a described config form. */
export function controlManifestProblems(plugin: Plugin): string[] {
  const m = plugin.manifest;
  const problems: string[] = [];
  if (m.kind !== 'node' || !m.control) problems.push('must be a node with manifest.control set');
  if (m.category !== 'Flow') problems.push("category must be 'Flow'");
  for (const field of ['title', 'description', 'icon'] as const)
    if (!m[field]) problems.push(`missing ${field}`);
  const config = m.config as
    | { type?: string; properties?: Record<string, { description?: string }> }
    | undefined;
  if (config?.type !== 'object' || !config.properties)
    problems.push('config must be an object schema with properties');
  for (const [name, schema] of Object.entries(config?.properties ?? {}))
    if (!schema.description) problems.push(`config.${name} has no description`);
  if (!m.outputs) problems.push('missing outputs schema');
  return problems;
}
