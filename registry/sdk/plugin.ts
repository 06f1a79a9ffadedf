/**
 * The plugin contract: a manifest (pure data, JSON Schema) plus one or two functions per kind.
 * Built-in plugins (plugins/*) and third-party ones use exactly this shape; the engine only ever
 * sees a `ResolvedPlugin`, whether its code runs in-process (tests, trusted built-ins in issue 2) or
 * in an isolated-vm sandbox (runtime/sandbox).
 */

/** A JSON Schema (2020-12) object. */
export type JsonSchema = Record<string, unknown>;

/** The five kinds of plugin. */
export type PluginKind = 'node' | 'router' | 'judge' | 'provider' | 'channel';

/**
 * Control constructs are interpreted by the engine itself; their manifests exist so the studio can
 * draw them from the palette like any other node.
 */
export type ControlKind = 'start' | 'end' | 'set' | 'loop' | 'parallel' | 'workflow';

/** What a plugin may touch. Nothing else reaches it. */
export interface Permissions {
  /** Hosts `fetch` may reach, e.g. `api.example.com`, `*.example.com`, `127.0.0.1:8080`. */
  net?: string[];
  /** Names of tenant secrets the plugin may read. */
  secrets?: string[];
  /** A tenant-scoped key-value store. */
  kv?: boolean;
  /** Calls to LLM providers through the router. */
  llm?: boolean;
  /** The tenant's data tables the plugin may read/write through the data bridge (orders, contacts, ...). */
  data?: string[];
  /** Reading files from the workflow's folder (example data) through `ctx.assets`. */
  assets?: boolean;
  /** Sending email through the tenant's mail server (`ctx.email`); plugins cannot open sockets. */
  email?: boolean;
}

/** The manifest: everything the studio, linters and the registry need, without running code. */
export interface PluginManifest {
  /** `scope/name`, lowercase, e.g. `core/intent`. */
  id: string;
  /** Semver. */
  version: string;
  kind: PluginKind;
  title: string;
  description: string;
  category?: string;
  /** An icon name (lucide-style) or a data: URL. */
  icon?: string;
  /** Schema of the node's `with:` block. */
  config?: JsonSchema;
  /** Schema of the input the node reads (documentation; `with:` is what is passed). */
  inputs?: JsonSchema;
  /** Schema of the node's output. */
  outputs?: JsonSchema;
  /**
   * Named branches the node can report in `output.branch` (the studio draws one handle each):
   * a fixed list, or the keys/items of a config field plus fixed extras (e.g. an intent node's `fallback`).
   */
  branches?: string[] | { fromConfig: string; extra?: string[] };
  control?: ControlKind;
  /** Side-effecting nodes get a stable idempotency key per run+node. */
  sideEffects?: boolean;
  permissions?: Permissions;
  examples?: Array<{ title: string; with?: Record<string, unknown>; output?: unknown }>;
}

/** A log line a plugin writes; it lands in the run trace. */
export type LogFn = (message: string, data?: unknown) => void;

/** What a node's code may use while it runs. Every field is a capability granted by the manifest. */
export interface NodeContext {
  runId: string;
  nodeId: string;
  tenantId: string;
  /** Stable across retries and resumes of the same run+node: pass it to side-effecting APIs. */
  idempotencyKey: string;
  attempt: number;
  signal: AbortSignal;
  log: LogFn;
  /** Present when permissions.net is set; refuses hosts not listed. */
  fetch?: (
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => Promise<{
    status: number;
    headers: Record<string, string>;
    body: string;
  }>;
  secrets?: { get(name: string): Promise<string | undefined> };
  kv?: {
    get(key: string): Promise<unknown>;
    set(key: string, value: unknown): Promise<void>;
    delete(key: string): Promise<void>;
  };
  /** Tenant data (orders, customers, contacts, documents...): only the tables in permissions.data. */
  data?: {
    query(table: string, filter?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
    insert(table: string, row: Record<string, unknown>): Promise<Record<string, unknown>>;
    update(table: string, id: string, patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  };
  /** Files the plugin reads from the workflow's folder (example data), as parsed JSON/YAML. */
  assets?: {
    read(name: string): Promise<unknown>;
    /**
     * The documents of `name` that best match `query` (full-text, any of its words), best first; null
     * when the host keeps no indexed documents for `name` (read the file instead). Absent in-process.
     */
    search?(name: string, query: string, options?: { limit?: number }): Promise<unknown[] | null>;
  };
  llm?: (request: LlmRequest) => Promise<LlmResponse>;
  /** Present when permissions.email is set and the tenant has a mail server: the host sends, the plugin builds. */
  email?: { send(message: EmailMessage): Promise<EmailReceipt> };
}

/** An email ready to send. Addresses are plain `name@host` or `"Name" <name@host>` strings. */
export interface EmailMessage {
  from?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** Derived from the idempotency key, so a resent retry is recognisably the same mail. */
  messageId: string;
}

/** What the mail server said about a message. */
export interface EmailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** A chat completion request in the OpenAI shape. */
export interface LlmRequest {
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  json?: boolean;
  /** Which models may answer and how to pick one; the host routes the call and learns from it. */
  route?: LlmRoute;
}

/** A model a routed call may use: the router's arm plus where and how to reach it. */
export interface LlmArm extends RouterArm {
  /** The model name sent to the provider, e.g. `gpt-4o-mini`. */
  model: string;
  /** The provider plugin, `provider/openai@^1` when absent. */
  provider?: string;
  /** The provider's address up to /v1; the call may reach this host only. */
  baseUrl?: string;
  /** The tenant secret holding the API key; the call may read this secret only. */
  apiKeySecret?: string;
}

/** How a call is routed: the strategy, its arms, and an optional judge that scores each answer. */
export interface LlmRoute {
  /** The router strategy, e.g. `router/thompson@^1` (the default). */
  router?: string;
  /** The strategy's settings. */
  config?: Record<string, unknown>;
  /** A named router whose learning is shared; default: one per workflow node. */
  key?: string;
  arms: LlmArm[];
  /** Scores each answer so the router learns quality, not just success. */
  judge?: { uses: string; config?: Record<string, unknown>; expected?: unknown; arm?: string };
  features?: RouteRequest['features'];
  /** Per-model time limit in milliseconds before the next model is tried. */
  timeoutMs?: number;
}

/** A chat completion answer with usage. */
export interface LlmResponse {
  content: string;
  model: string;
  usage: { promptTokens: number; completionTokens: number };
  costUsd?: number;
  /** For routed calls: the arm that answered. */
  arm?: string;
  /** For routed calls: why that arm was chosen (and any fallback or judge verdict). */
  explanation?: string;
}

/** A node plugin: tools, transforms, LLM calls. `config` is the node's `with:` after expressions. */
export interface NodePlugin<C = Record<string, unknown>, O = unknown> {
  manifest: PluginManifest & { kind: 'node' };
  run(config: C, ctx: NodeContext): O | Promise<O>;
}

/** An arm a router can choose: a model or tier. */
export interface RouterArm {
  id: string;
  costPer1kTokens?: number;
  quality?: number; // prior expected quality 0..1
}

/** Features of one request that routers may bucket on. */
export interface RouteRequest {
  arms: RouterArm[];
  features?: { length?: number; intent?: string; language?: string; tenant?: string };
}

/** The outcome of one routed call, fed back so the router learns. */
export interface RouteOutcome {
  arm: string;
  success: boolean;
  score?: number; // judge score 0..1
  costUsd?: number;
  latencyMs?: number;
  features?: RouteRequest['features'];
}

/** A router's persisted learning state: plain JSON, stored per tenant. */
export type RouterState = Record<string, unknown>;

/** A router strategy: picks an arm and learns from outcomes. Pure: state in, state out. */
export interface RouterPlugin {
  manifest: PluginManifest & { kind: 'router' };
  choose(
    request: RouteRequest,
    state: RouterState,
    config: Record<string, unknown>,
    random: () => number,
  ): {
    arm: string;
    /** Fallback order after `arm` fails (the fallback-chain strategy uses it; others may). */
    fallbacks?: string[];
    explanation: string;
  };
  learn(outcome: RouteOutcome, state: RouterState, config: Record<string, unknown>): RouterState;
}

/** What a judge is asked to score. */
export interface JudgeInput {
  output: unknown;
  expected?: unknown;
  input?: unknown;
}

/** A judge's verdict. */
export interface Verdict {
  score: number; // 0..1
  pass: boolean;
  reasoning: string;
}

/** A judge: scores an output for evaluation and routing. */
export interface JudgePlugin {
  manifest: PluginManifest & { kind: 'judge' };
  judge(
    input: JudgeInput,
    config: Record<string, unknown>,
    ctx: Pick<NodeContext, 'llm' | 'signal' | 'log'>,
  ): Verdict | Promise<Verdict>;
}

/** A provider: an LLM or embedding backend. */
export interface ProviderPlugin {
  manifest: PluginManifest & { kind: 'provider' };
  complete(
    request: LlmRequest,
    config: Record<string, unknown>,
    ctx: Pick<NodeContext, 'fetch' | 'secrets' | 'signal'>,
  ): Promise<LlmResponse>;
}

/** A channel adapter: turns a channel's inbound payload into a chat message and a reply back. */
export interface ChannelPlugin {
  manifest: PluginManifest & { kind: 'channel' };
  inbound(
    payload: unknown,
    config: Record<string, unknown>,
  ): { sessionId: string; message: string; meta?: Record<string, unknown> };
  outbound(
    reply: { sessionId: string; text: string; data?: unknown },
    config: Record<string, unknown>,
  ): unknown;
}

/** Any plugin. */
export type Plugin = NodePlugin | RouterPlugin | JudgePlugin | ProviderPlugin | ChannelPlugin;

/** Typed identity helper for plugin authors: `export default definePlugin({ manifest, run })`. */
export function definePlugin<P extends Plugin>(plugin: P): P {
  return plugin;
}

/**
 * What the engine gets back when it resolves `uses:`: the exact version and content hash chosen, and
 * a function that runs the node wherever its code lives (in-process or in a sandbox).
 */
export interface ResolvedPlugin {
  manifest: PluginManifest;
  /** sha256 of the bundled module; `builtin:<id>@<version>` for in-process built-ins. */
  sha256: string;
  invoke(config: Record<string, unknown>, ctx: NodeContext): Promise<unknown>;
}

/** Resolves a `uses:` string (`scope/name@range`) to a plugin, or throws a PluginNotFound error. */
export type PluginResolver = (uses: string) => ResolvedPlugin | Promise<ResolvedPlugin>;
