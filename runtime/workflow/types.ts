/**
 * The workflow model: what a workflow YAML file means once parsed. Browser-safe (no node:* imports).
 *
 * A file looks like:
 *
 *   # yaml-language-server: $schema=../runtime/workflow/workflow.schema.json
 *   id: faq
 *   name: FAQ handling
 *   version: 1.0.0
 *   inputs:
 *     message: { type: string, required: true }
 *   nodes:
 *     - id: search
 *       uses: core/knowledge-search@^1
 *       with: { query: "{{ inputs.message }}", source: faq.json }
 *       next:
 *         - when: "{{ len(output.hits) > 0 }}"   # ordered branches, first match wins
 *           to: answer
 *         - on: none                           # `on: x` matches when output.branch == 'x'
 *           to: fallback
 *         - default: fallback
 *     - id: answer
 *       uses: core/end@^1
 *       with: { output: { reply: "{{ nodes.search.hits[0].answer }}" } }
 *   layout:
 *     search: { x: 0, y: 0 }
 */

/** A `{{ ... }}` string or any JSON value that may contain them. */
export type Expression = string;

/** A duration: milliseconds as a number, or a string like `500ms`, `5s`, `2m`. */
export type Duration = number | string;

/** One declared input or output of a workflow (a small JSON Schema per field). */
export interface FieldSpec {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  description?: string;
  required?: boolean;
  default?: unknown;
  enum?: unknown[];
}

/** A conditional edge: taken when `when` is truthy (or output.branch equals `on`). */
export interface Branch {
  when?: Expression;
  on?: string;
  to: string;
  label?: string;
}

/** The default edge, taken when no earlier branch matched. Must be last. */
export interface DefaultBranch {
  default: string;
}

/** Where a node goes next: one id, or ordered branches ending with an optional default. */
export type Next = string | Array<Branch | DefaultBranch>;

/** Retry policy: `max` extra attempts with exponential backoff and jitter. */
export interface RetryPolicy {
  max: number;
  backoff?: Duration; // first delay, default 200ms
  factor?: number; // default 2
  maxDelay?: Duration; // default 30s
  jitter?: number; // 0..1 fraction of the delay, default 0.2
}

/**
 * What happens when a node fails after its retries:
 * - `fail` (default): the run fails;
 * - `continue`: the node's output becomes `{ error: { message, code } }` and the run goes on via `next`;
 * - `{ fallback: id }`: the run goes on at that node, with `nodes.<id>.error` set.
 */
export type OnError = 'fail' | 'continue' | { fallback: string };

/** One node: a plugin invocation (or a control construct interpreted by the engine). */
export interface WorkflowNode {
  id: string;
  /** `scope/name@range`, e.g. `core/http-request@^1`. The range is optional (`*`). */
  uses: string;
  name?: string;
  description?: string;
  /** Config passed to the plugin after expressions are evaluated; validated against the manifest's config schema. */
  with?: Record<string, unknown>;
  next?: Next;
  timeout?: Duration;
  retry?: RetryPolicy;
  onError?: OnError;
  /** Circuit breaker for this node's plugin+target: opens after `failures` consecutive failures for `resetAfter`. */
  circuitBreaker?: { failures: number; resetAfter?: Duration };
  /** core/loop: the first node of the loop body (a chain that ends where `next` is absent). */
  body?: string;
  /** core/parallel: the first node of each branch chain. */
  branches?: string[];
  /** A disabled node is skipped: the run passes straight through to its `next`. */
  disabled?: boolean;
}

/** Editor positions, kept apart from the logic so moving a box never touches logic lines. */
export type Layout = Record<string, { x: number; y: number }>;

/** A parsed workflow file. */
export interface Workflow {
  id: string;
  name?: string;
  description?: string;
  version?: string;
  /** Path or id of a base workflow whose nodes this one inherits (see overlays). */
  extends?: string;
  inputs?: Record<string, FieldSpec>;
  outputs?: Record<string, FieldSpec>;
  /** The first node; defaults to the first node in `nodes`. */
  start?: string;
  nodes: WorkflowNode[];
  /** Free-form metadata (category, tags, triggers) ignored by the engine. */
  meta?: Record<string, unknown>;
  layout?: Layout;
}

/** Where a problem is: file, 1-based line and column, and the JSON path inside the document. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  path: string; // JSON pointer, e.g. /nodes/2/next/0/to
}

/** One problem found while loading or validating a workflow. */
export interface Problem extends SourceLocation {
  code: string; // stable, e.g. 'yaml-syntax', 'schema', 'unknown-target', 'duplicate-id', 'cycle', 'unreachable', 'unknown-workflow', 'unresolved-plugin'
  message: string; // says what was expected
  severity: 'error' | 'warning';
}
