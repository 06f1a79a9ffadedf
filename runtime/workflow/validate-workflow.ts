/**
 * Checks what a JSON Schema cannot: ids are unique, every edge goes somewhere, every node can be
 * reached, `next` never loops (loops use core/loop's `body`), sub-workflows and plugins exist, and
 * `with:` fits the plugin's config schema. Reports every problem at once, each at its line.
 * Defensive: it also runs on schema-invalid input, so a builder sees graph problems immediately.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { configProblems, hasExpression } from './config-check.ts';
import { didYouMean } from './did-you-mean.ts';
import { UserError } from './errors.ts';
import { expressionProblems } from './expression-problems.ts';
import { findCycles } from './graph-cycles.ts';
import { type JsonPath, type Locate, problemAt } from './source-locator.ts';
import type { Problem, Workflow, WorkflowNode } from './types.ts';

/** What validation may look up beyond the file itself. */
export interface ValidateOptions {
  /** The manifest `uses` resolves to, or undefined when no installed plugin matches. */
  manifestFor?: (uses: string) => PluginManifest | undefined;
  /** Whether a sub-workflow ref (`with.workflow` of core/workflow) exists. */
  workflowExists?: (ref: string) => boolean;
}

/** The input: a parse result (or a merged workflow) with a way to locate its paths. */
export interface ValidationInput {
  workflow?: Workflow;
  value?: unknown;
  locate: Locate;
}

interface Edge {
  to: string;
  path: JsonPath;
  kind: 'next' | 'body' | 'branches' | 'fallback';
}

/** Every structural, reference and plugin problem in a workflow. */
export function validateWorkflow(input: ValidationInput, options: ValidateOptions = {}): Problem[] {
  const wf = (input.workflow ?? input.value) as Partial<Workflow> | undefined;
  if (typeof wf !== 'object' || wf === null) return [];
  const { locate } = input;
  const problems: Problem[] = [];
  const error = (path: JsonPath, code: string, message: string, at?: 'key') =>
    problems.push(problemAt(locate(path, at), code, message));
  const warn = (path: JsonPath, code: string, message: string, at?: 'key') =>
    problems.push(problemAt(locate(path, at), code, message, 'warning'));

  const nodes: Array<{ node: WorkflowNode; index: number }> = [];
  (Array.isArray(wf.nodes) ? wf.nodes : []).forEach((node, index) => {
    if (typeof node === 'object' && node !== null && typeof node.id === 'string') nodes.push({ node, index });
  });
  problems.push(...duplicateIdProblems(Array.isArray(wf.nodes) ? wf.nodes : [], locate));
  const ids = new Map<string, number>();
  for (const { node, index } of nodes) if (!ids.has(node.id)) ids.set(node.id, index);
  const known = (id: unknown): id is string => typeof id === 'string' && ids.has(id);
  const unknown = (id: string) => `unknown node '${id}'${didYouMean(id, ids)}`;

  expressionProblems(nodes, ids, error);

  // Edges, and the problems of each edge on its own.
  const edges = new Map<string, Edge[]>();
  for (const { node, index } of nodes) {
    const out = edgesOf(node, index, error);
    for (const edge of out) {
      if (!known(edge.to))
        error(edge.path, 'unknown-target', `node '${node.id}': ${edge.kind} goes to ${unknown(edge.to)}`);
    }
    if (!edges.has(node.id)) edges.set(node.id, out);
  }
  if (wf.start !== undefined && !known(wf.start))
    error(['start'], 'unknown-target', `start is ${unknown(shown(wf.start))}`);
  if (typeof wf.layout === 'object' && wf.layout !== null) {
    for (const id of Object.keys(wf.layout)) {
      if (!ids.has(id))
        warn(
          ['layout', id],
          'unknown-target',
          `layout has a position for ${unknown(id)}; it is ignored`,
          'key',
        );
    }
  }

  // Reachability from the start node through every kind of edge.
  const start = known(wf.start) ? wf.start : nodes[0]?.node.id;
  if (start !== undefined) {
    const reached = new Set([start]);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      for (const edge of edges.get(queue[q]!) ?? []) {
        if (known(edge.to) && !reached.has(edge.to)) {
          reached.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
    for (const { node, index } of nodes) {
      if (!reached.has(node.id) && ids.get(node.id) === index) {
        warn(
          ['nodes', index, 'id'],
          'unreachable',
          `node '${node.id}' can never run: no edge from the start node '${start}' leads to it`,
        );
      }
    }
  }

  // `next` must not loop: repetition is structured with core/loop and its `body`.
  const nextOnly = new Map<string, string[]>();
  for (const [id, out] of edges)
    nextOnly.set(
      id,
      out.filter((e) => e.kind === 'next' && known(e.to)).map((e) => e.to),
    );
  for (const cycle of findCycles([...ids.keys()], nextOnly)) {
    const last = cycle[cycle.length - 1]!;
    const closing = edges.get(last)!.find((e) => e.kind === 'next' && e.to === cycle[0])!;
    error(
      closing.path,
      'cycle',
      `next edges form a cycle: ${[...cycle, cycle[0]].join(' → ')}; repeat steps with a core/loop node and its body instead`,
    );
  }

  for (const { node, index } of nodes) pluginProblems(node, index, options, locate, problems);
  return problems;
}

/** Duplicate node ids, reported at every repeat and naming where the id was first used. */
export function duplicateIdProblems(nodes: readonly unknown[], locate: Locate): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  nodes.forEach((node, index) => {
    const id = (node as WorkflowNode | null)?.id;
    if (typeof id !== 'string') return;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else {
      const where = locate(['nodes', seen, 'id']);
      problems.push(
        problemAt(
          locate(['nodes', index, 'id']),
          'duplicate-id',
          `duplicate node id '${id}' (first used at line ${where.line}); node ids must be unique`,
        ),
      );
    }
  });
  return problems;
}

/** A node's outgoing edges; also reports branch lists whose `default` is not last or lacks a condition. */
function edgesOf(
  node: WorkflowNode,
  index: number,
  error: (path: JsonPath, code: string, message: string) => void,
): Edge[] {
  const base = ['nodes', index];
  const out: Edge[] = [];
  if (typeof node.next === 'string') out.push({ to: node.next, path: [...base, 'next'], kind: 'next' });
  else if (Array.isArray(node.next)) {
    node.next.forEach((branch, j) => {
      if (typeof branch !== 'object' || branch === null) return;
      const path = [...base, 'next', j];
      if ('default' in branch) {
        if (typeof branch.default === 'string')
          out.push({ to: branch.default, path: [...path, 'default'], kind: 'next' });
        if (j !== node.next!.length - 1) {
          error(
            path,
            'branch-order',
            `node '${node.id}': the default branch must be the last one; branches after it never run`,
          );
        }
        return;
      }
      if (typeof branch.to === 'string') out.push({ to: branch.to, path: [...path, 'to'], kind: 'next' });
      if (branch.when === undefined && branch.on === undefined) {
        error(
          path,
          'missing-condition',
          `node '${node.id}': branch ${j + 1} has neither 'when' nor 'on'; add a condition, or write it as 'default: ${shown(branch.to)}'`,
        );
      }
    });
  }
  if (typeof node.body === 'string') out.push({ to: node.body, path: [...base, 'body'], kind: 'body' });
  if (Array.isArray(node.branches)) {
    node.branches.forEach((to, k) => {
      if (typeof to === 'string') out.push({ to, path: [...base, 'branches', k], kind: 'branches' });
    });
  }
  const fallback =
    typeof node.onError === 'object' && node.onError !== null ? node.onError.fallback : undefined;
  if (typeof fallback === 'string')
    out.push({ to: fallback, path: [...base, 'onError', 'fallback'], kind: 'fallback' });
  return out;
}

/** Sub-workflow refs, plugin resolution and `with:` against the manifest's config schema. */
function pluginProblems(
  node: WorkflowNode,
  index: number,
  options: ValidateOptions,
  locate: Locate,
  problems: Problem[],
): void {
  if (typeof node.uses !== 'string') return;
  const path = ['nodes', index];
  if (node.uses.split('@')[0] === 'core/workflow') {
    const ref = (node.with as Record<string, unknown> | undefined)?.workflow;
    if (typeof ref !== 'string') {
      problems.push(
        problemAt(
          locate([...path, 'with']),
          'config',
          `node '${node.id}': core/workflow needs 'with.workflow', the id or path of the workflow to call`,
        ),
      );
    } else if (!hasExpression(ref) && options.workflowExists && !options.workflowExists(ref)) {
      problems.push(
        problemAt(
          locate([...path, 'with', 'workflow']),
          'unknown-workflow',
          `node '${node.id}' calls workflow '${ref}', which does not exist`,
        ),
      );
    }
  }
  if (!options.manifestFor) return;
  let manifest: PluginManifest | undefined;
  let refused: string | undefined;
  try {
    manifest = options.manifestFor(node.uses);
  } catch (error) {
    // A lookup may refuse a malformed reference: that is this node's problem, not the end of the check.
    if (!(error instanceof UserError)) throw error;
    refused = error.message;
  }
  if (!manifest) {
    const [name, range] = node.uses.split('@');
    const why =
      refused ??
      (range ? `no installed version of '${name}' matches '${range}'` : `'${name}' is not installed`);
    problems.push(
      problemAt(
        locate([...path, 'uses']),
        'unresolved-plugin',
        `node '${node.id}': plugin '${node.uses}' cannot be resolved: ${why}`,
      ),
    );
    return;
  }
  if (manifest.config)
    problems.push(...configProblems(node.with, manifest.config, locate, [...path, 'with'], node.uses));
}

// A value from a file as a message shows it; String() throws on objects like {toString: ''}.
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
