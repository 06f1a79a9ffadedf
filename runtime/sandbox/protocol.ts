/**
 * The messages the host and a sandbox worker process exchange over their socket (frames.ts: each
 * message is a frame's JSON header). Everything that came from untrusted code (outputs, capability
 * arguments, log lines) travels as a JSON string, so the host parses it itself and never receives
 * an object built by the sandbox. The node's config rides in the invoke frame's body as JSON text
 * or, when JSON would change it (an expression with no value is `undefined`), as V8
 * structured-clone bytes (config-encoding.ts), so it reaches the plugin as it would in-process.
 */
import type { SandboxLimits } from './limits.ts';

/** Capability names the bridge understands; `log` is always granted. */
export type CapabilityName =
  | 'log'
  | 'fetch'
  | 'secrets.get'
  | 'kv.get'
  | 'kv.set'
  | 'kv.delete'
  | 'data.query'
  | 'data.insert'
  | 'data.update'
  | 'assets.read'
  | 'assets.search'
  | 'email.send'
  | 'llm';

/** Groups of capabilities the isolate builds `ctx` fields for. */
export type Grant = 'fetch' | 'secrets' | 'kv' | 'data' | 'assets' | 'email' | 'llm';

/** The call's identity as the plugin sees it in `ctx`. */
export interface CallInfo {
  runId: string;
  nodeId: string;
  tenantId: string;
  idempotencyKey: string;
  attempt: number;
}

/** Host → worker: run one call. */
export interface InvokeMessage {
  type: 'invoke';
  callId: number;
  tenantId: string;
  sha256: string;
  /** The module; left out once this process has it (a worker that lost it answers 'need-source'). */
  source?: string;
  /** How the frame's body holds the node's config (see config-encoding.ts). */
  configFormat: 'json' | 'v8';
  /** With 'json': paths of members that are undefined (sent as null; the isolate restores them). */
  undefinedPaths?: Array<Array<string | number>>;
  info: CallInfo;
  grants: Grant[];
  limits: SandboxLimits;
}

/** Host → worker: stop a call (the run was cancelled). */
export interface CancelMessage {
  type: 'cancel';
  callId: number;
}

/** Host → worker: the answer to a capability request. */
export interface CapabilityResultMessage {
  type: 'capability-result';
  reqId: number;
  ok: boolean;
  /** JSON of the result when ok, the error message otherwise. */
  payload: string;
}

/** How the worker hands a call's config to the isolate: JSON text it parses, or a value to copy in. */
export type ConfigPayload = { json: string; undefinedPaths: string } | { value: unknown };

/** Everything the host sends. */
export type HostMessage = InvokeMessage | CancelMessage | CapabilityResultMessage;

/** Why a call failed, as the worker saw it. */
export type FailureKind =
  | 'timeout'
  | 'wall-timeout'
  | 'memory'
  | 'plugin'
  | 'output-too-large'
  | 'bad-module'
  | 'cancelled'
  | 'internal';

/** Worker → host: a call finished. On the wire, an ok result's `value` is the frame's body. */
export type ResultMessage =
  | { type: 'result'; callId: number; ok: true; value: string }
  | { type: 'result'; callId: number; ok: false; kind: FailureKind; message: string; code?: string };

/** Worker → host: untrusted code asked for a capability. `reqId` 0 means no answer is wanted. */
export interface CapabilityMessage {
  type: 'capability';
  callId: number;
  reqId: number;
  name: string;
  /** JSON array of arguments. */
  args: string;
}

/** Worker → host: send this call again with its module source (the worker does not have it). */
export interface NeedSourceMessage {
  type: 'need-source';
  callId: number;
}

/** Worker → host: the worker is ready for calls. */
export interface ReadyMessage {
  type: 'ready';
}

/** Everything a worker sends. */
export type WorkerMessage = ResultMessage | CapabilityMessage | NeedSourceMessage | ReadyMessage;
