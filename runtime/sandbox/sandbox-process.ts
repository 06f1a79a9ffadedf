/**
 * One sandbox worker process seen from the host: sends calls, answers capability requests after
 * checking them itself, and when the process dies fails the calls it was running (the pool then
 * starts a replacement). Every message from the process is validated; a malformed one means the
 * process cannot be trusted any more, so it is killed.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import { CancelledError, FlowError, NodeError, OperationalError } from '../workflow/errors.ts';
import { resultOutcome } from './call-outcome.ts';
import { callCapability } from './capability-bridge.ts';
import { type EncodedConfig, encodeConfig } from './config-encoding.ts';
import { pinnedCommand } from './cpu-placement.ts';
import { encodeFrame, readFrames, writeFrame } from './frames.ts';
import type { SandboxLimits } from './limits.ts';
import { grantsFor } from './permissions.ts';
import type { CapabilityMessage, InvokeMessage, NeedSourceMessage, ResultMessage } from './protocol.ts';
import { sandboxCrashed, sandboxFailure } from './sandbox-errors.ts';
import { type CallLog, writeSandboxLog } from './sandbox-log.ts';
import type { WorkerLaunch } from './worker-launch.ts';

/** One call to run in a sandbox: the plugin's module and manifest, and the node's config and context. */
export interface SandboxCall {
  manifest: PluginManifest;
  /** sha256 (hex) of `source`; with the tenant it keys the isolate cache. */
  sha256: string;
  /** The bundled ES module (no imports) exporting `default definePlugin({...})` or `run`. */
  source: string;
  config: Record<string, unknown>;
  ctx: NodeContext;
  /** Tightens the tenant's limits for this plugin (never loosens them). */
  limits?: Partial<SandboxLimits>;
}

interface Pending {
  call: SandboxCall;
  limits: SandboxLimits;
  log: CallLog;
  message: InvokeMessage;
  config: EncodedConfig;
  /** The module was sent again after the worker said it lacked it (once per call at most). */
  resent: boolean;
  /**
   * When the host last gave the worker something to run for this call (the call itself, or a
   * capability answer), as a sequence number; undefined while the call waits on the host. The
   * worker runs these in arrival order on its main thread, so when a process dies the runnable call
   * with the lowest number is the one whose code was running: the suspect. Inferred here rather
   * than told by the worker, because one more message per call would cost a process wake-up.
   */
  runnableSince: number | undefined;
  /** The call asked for a host capability other than `log`: running it again could repeat an effect. */
  usedCapabilities: boolean;
  /** performance.now() past which the call counts as hung (see sweepHung). */
  hungAt: number;
  settle(outcome: { value: unknown } | { error: Error }): void;
}

// The worker enforces the wall limit itself; the host waits this much longer before declaring it hung.
const HUNG_GRACE_MS = 5_000;
// One sweep per process this often finds hung calls: cheaper than a timer set and cleared per call.
const HUNG_SWEEP_MS = 1_000;
// Module hashes remembered per process as already sent; past this the set restarts (the worker keeps its own bound).
const MAX_SENT_SOURCES = 4_096;
// How long after the process exits its socket may take to deliver what the worker wrote last.
const EXIT_DRAIN_MS = 1_000;
let nextCallId = 1;

/** A live (or starting) sandbox worker process. */
export class SandboxProcess {
  /** Isolate keys this process has warm, so the pool can send repeat calls back here. */
  readonly warm = new Set<string>();
  private readonly child: ChildProcess;
  /** The socket to the worker (its fd 3): length-prefixed frames, see frames.ts. */
  private readonly socket: Socket;
  private readonly fd: number;
  /** Modules this process was sent, by sha256: later calls leave the source out. */
  private readonly sentSources = new Set<string>();
  private readonly pending = new Map<number, Pending>();
  private readonly queued: Buffer[] = [];
  private readonly onExit: (
    process: SandboxProcess,
    reason: string,
    started: boolean,
    suspects: SandboxCall[],
  ) => void;
  private ready = false;
  private exited = false;
  /** Whether the child and its socket keep the event loop alive (only while calls are pending). */
  private referenced = true;
  private runnableSeq = 0;
  private closing = false;
  private stderrTail = '';
  private hungSweeper: NodeJS.Timeout | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private markStopped!: () => void;
  /** Settles once the process has exited. */
  readonly stopped = new Promise<void>((resolve) => {
    this.markStopped = resolve;
  });

  constructor(
    launch: WorkerLaunch,
    cache: { isolates: number; moduleChars: number },
    onExit: SandboxProcess['onExit'],
  ) {
    this.onExit = onExit;
    const [file, ...args] = pinnedCommand(launch.cpus, [
      process.execPath,
      ...launch.execArgv,
      launch.entry,
      String(cache.isolates),
      String(cache.moduleChars),
    ]);
    // fd 3 is a Unix socket pair: our own frames cost about half of what Node's IPC channel does per hop.
    this.child = spawn(file!, args, { env: {}, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    this.socket = this.child.stdio[3] as Socket;
    // Its descriptor, for writes that skip the stream (frames.ts writeFrame); -1 if Node hides it.
    this.fd = (this.socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
    // A broken socket means the process is going or gone; the exit handler fails its calls.
    this.socket.on('error', () => this.kill());
    readFrames(
      this.socket,
      (message, body) => this.receive(message, body),
      () => this.kill(),
    );
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4_000);
    });
    (this.child.stderr as Socket | null)?.unref();
    // 'close' comes once the socket is drained too, so the last slice message is read before calls
    // are judged; the timer covers a socket that somehow stays open.
    this.child.on('close', (code, signal) => this.exit(signal ? `signal ${signal}` : `exit code ${code}`));
    this.child.on('exit', (code, signal) => {
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      this.drainTimer = setTimeout(() => this.exit(why), EXIT_DRAIN_MS);
      // While the pool is closing someone awaits `stopped`: the timer must keep the event loop up
      // until 'close' (the socket and stderr are unreferenced, so they would not).
      if (!this.closing) this.drainTimer.unref();
    });
    this.child.on('error', (error) => this.exit(error.message));
    this.updateRef();
  }

  /** Operating-system process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Calls in flight. */
  get load(): number {
    return this.pending.size;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one call here. Resolves with the plugin's output or rejects with a node error. */
  run(call: SandboxCall, limits: SandboxLimits): Promise<unknown> {
    const { ctx, manifest } = call;
    const callId = nextCallId++;
    let config: EncodedConfig;
    try {
      config = encodeConfig(call.config);
    } catch (error) {
      // A config that cannot be copied (a function, a symbol) fails its node; the process is fine.
      const text = `the config of ${manifest.id} is not plain data: ${(error as Error).message}`;
      return Promise.reject(new NodeError('invalid-config', text, { nodeId: ctx.nodeId }));
    }
    const sendSource = !this.sentSources.has(call.sha256);
    if (sendSource) {
      if (this.sentSources.size >= MAX_SENT_SOURCES) this.sentSources.clear();
      this.sentSources.add(call.sha256);
    }
    const message: InvokeMessage = {
      type: 'invoke',
      callId,
      tenantId: ctx.tenantId,
      sha256: call.sha256,
      ...(sendSource ? { source: call.source } : {}),
      configFormat: config.format,
      ...(config.format === 'json' && config.undefinedPaths.length > 0
        ? { undefinedPaths: config.undefinedPaths }
        : {}),
      info: {
        runId: ctx.runId,
        nodeId: ctx.nodeId,
        tenantId: ctx.tenantId,
        idempotencyKey: ctx.idempotencyKey,
        attempt: ctx.attempt,
      },
      grants: grantsFor(manifest, ctx),
      limits,
    };
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.post(encodeFrame({ type: 'cancel', callId }));
        settle({ error: new CancelledError() });
      };
      const settle = (outcome: { value: unknown } | { error: Error }) => {
        if (!this.pending.delete(callId)) return;
        ctx.signal?.removeEventListener('abort', onAbort);
        this.updateRef();
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      this.pending.set(callId, {
        call,
        limits,
        log: { lines: 0, max: limits.maxLogLines, log: ctx.log },
        message,
        config,
        resent: false,
        runnableSince: ++this.runnableSeq,
        usedCapabilities: false,
        hungAt: performance.now() + limits.wallMs + HUNG_GRACE_MS,
        settle,
      });
      this.hungSweeper ??= setInterval(() => this.sweepHung(), HUNG_SWEEP_MS).unref();
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      this.updateRef();
      this.post(encodeFrame(message, config.body), true);
    });
  }

  /** Fails calls the worker has not answered well past their wall limit, and kills the process. */
  private sweepHung(): void {
    const now = performance.now();
    for (const entry of this.pending.values()) {
      if (now <= entry.hungAt) continue;
      const { ctx, manifest } = entry.call;
      const site = { nodeId: ctx.nodeId, pluginId: manifest.id, limits: entry.limits };
      entry.settle({ error: sandboxFailure(site, 'wall-timeout', 'no answer') });
      this.kill();
    }
    if (this.pending.size === 0 || this.exited) {
      clearInterval(this.hungSweeper);
      this.hungSweeper = undefined;
    }
  }

  /** Stops the process now; its calls fail (or are cancelled when the pool is closing). */
  kill(closing = false): void {
    this.closing ||= closing;
    if (this.exited) return;
    this.child.ref(); // so whoever awaits `stopped` sees the exit
    this.child.kill('SIGKILL');
  }

  /** Writes one frame; before the worker is ready only calls are kept (in order), the rest dropped. */
  private post(frame: Buffer, isCall = false): void {
    if (this.exited) return;
    if (!this.ready) {
      if (isCall) this.queued.push(frame);
      return;
    }
    writeFrame(this.socket, this.fd, frame);
  }

  // An idle process must not keep the host's event loop (a CLI run, a test) alive.
  private updateRef(): void {
    const busy = this.pending.size > 0;
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) {
      this.child.ref();
      this.socket.ref();
    } else {
      this.child.unref();
      this.socket.unref();
    }
  }

  private receive(raw: unknown, body: Buffer): void {
    const message = raw as { type?: unknown } | null;
    if (message?.type === 'ready' && !this.ready) {
      this.ready = true;
      for (const queued of this.queued.splice(0)) this.post(queued, true);
    } else if (message?.type === 'result') {
      const result = message as ResultMessage;
      if (result.ok === true) result.value = body.toString('utf8');
      this.result(result, body.length);
    } else if (message?.type === 'need-source') this.resend((message as NeedSourceMessage).callId);
    else if (message?.type === 'capability') {
      // Nothing a sandbox sends (nor a throwing host capability or log) may become an unhandled rejection.
      this.capability(message as CapabilityMessage).catch(() => {});
    } else this.kill();
  }

  /** Sends a call again with its module, once: a worker that keeps asking is not behaving. */
  private resend(callId: unknown): void {
    const entry = typeof callId === 'number' ? this.pending.get(callId) : undefined;
    if (!entry) return; // cancelled or timed out already
    if (entry.resent) {
      this.kill();
      return;
    }
    entry.resent = true;
    this.post(encodeFrame({ ...entry.message, source: entry.call.source }, entry.config.body), true);
  }

  private result(message: ResultMessage, bytes: number): void {
    const entry = this.pending.get(message.callId);
    if (!entry) return; // cancelled or timed out already
    const outcome = resultOutcome(entry.call, entry.limits, message, bytes);
    if (outcome) entry.settle(outcome);
    else this.kill();
  }

  private async capability(message: CapabilityMessage): Promise<void> {
    const { callId, reqId, name, args } = message;
    if (!Number.isSafeInteger(reqId) || reqId < 0 || typeof name !== 'string' || typeof args !== 'string')
      return this.kill();
    // The call is looked up on this process only: a process cannot act for a call it is not running.
    const entry = this.pending.get(callId);
    const answer = (ok: boolean, payload: string) => {
      if (reqId === 0) return;
      if (entry && this.pending.has(callId)) entry.runnableSince = ++this.runnableSeq;
      this.post(encodeFrame({ type: 'capability-result', reqId, ok, payload }));
    };
    if (!entry) return void answer(false, `${name}: the node has already finished`);
    if (name === 'log') return writeSandboxLog(entry.log, args);
    entry.usedCapabilities = true;
    entry.runnableSince = undefined;
    if (args.length > entry.limits.maxOutputBytes)
      return void answer(
        false,
        `${name}: the arguments are over the limit of ${entry.limits.maxOutputBytes} bytes`,
      );
    try {
      const { manifest, ctx } = entry.call;
      answer(
        true,
        await callCapability({ manifest, ctx, maxBytes: entry.limits.maxOutputBytes }, name, args),
      );
    } catch (error) {
      // Only our own errors are worded for users; anything else may carry host internals (addresses, SQL).
      answer(false, error instanceof FlowError ? error.message : `${name} failed in the host`);
    }
  }

  private exit(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.drainTimer);
    clearInterval(this.hungSweeper);
    this.hungSweeper = undefined;
    const started = this.ready;
    const suspects: SandboxCall[] = [];
    let suspect: Pending | undefined;
    for (const entry of this.pending.values()) {
      if (entry.runnableSince !== undefined && (suspect?.runnableSince ?? Infinity) > entry.runnableSince)
        suspect = entry;
    }
    for (const entry of [...this.pending.values()]) {
      const site = { nodeId: entry.call.ctx.nodeId, pluginId: entry.call.manifest.id };
      let error: Error;
      if (this.closing) error = new CancelledError('the sandbox pool was closed');
      else if (!started)
        error = new OperationalError(
          'sandbox-unavailable',
          `a sandbox process could not start (${reason}): ${this.stderrTail.trim().slice(-1_000)}`,
        );
      else if (entry === suspect) {
        suspects.push(entry.call);
        error = sandboxCrashed(site, reason, 'suspect');
      } else if (entry.usedCapabilities) error = sandboxCrashed(site, reason, 'after-capabilities');
      else error = sandboxCrashed(site, reason, 'bystander');
      entry.settle({ error });
    }
    this.markStopped();
    this.onExit(this, reason, started, suspects);
  }
}
