/**
 * One isolate holding one plugin module for one tenant. Runs inside a sandbox worker process; the
 * References it keeps (load, invoke, deliver) stay on the worker's side and never enter the isolate.
 */
import ivm from 'isolated-vm';
import type { CallInfo, ConfigPayload, Grant } from '../protocol.ts';
import { PRELUDE } from './prelude.ts';

const INTERNAL_FAILURE = 'E{"kind":"internal","message":"the sandbox returned no result"}';

/** Called when untrusted code asks for a capability: `reqId` 0 means no answer is wanted. */
export type BridgeHandler = (box: SandboxIsolate, reqId: number, name: unknown, args: unknown) => void;

/** An isolate with the prelude installed and, once loaded, the plugin's module. */
export class SandboxIsolate {
  /** tenant + plugin sha256 + memory limit: isolates are never shared across tenants. */
  readonly key: string;
  readonly isolate: ivm.Isolate;
  /** The call running in this isolate now; bridge requests outside a call are dropped. */
  activeCallId: number | null = null;
  loaded = false;
  /** The finished call's envelope, set by the prelude through the bridge; '' while none. */
  private outcome = '';
  private readonly context: ivm.Context;
  private readonly fns: {
    load: ivm.Reference;
    invoke: ivm.Reference;
    deliver: ivm.Reference;
  };

  private constructor(key: string, isolate: ivm.Isolate, context: ivm.Context, fns: SandboxIsolate['fns']) {
    this.key = key;
    this.isolate = isolate;
    this.context = context;
    this.fns = fns;
  }

  /** A fresh isolate with the prelude run; `onBridge` receives its capability requests. */
  static async create(key: string, memoryMb: number, onBridge: BridgeHandler): Promise<SandboxIsolate> {
    const isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      // isolated-vm's advice: V8 lost control of the isolate, so this process must go; the pool replaces it.
      onCatastrophicError: () => process.abort(),
    });
    try {
      const context = await isolate.createContext();
      let box: SandboxIsolate | undefined;
      const bridge = new ivm.Callback(
        (reqId: unknown, name: unknown, args: unknown) => {
          if (!box || typeof reqId !== 'number') return;
          // Only the prelude's own settle() uses -1 (the bridge is not reachable from plugin code).
          if (reqId === -1) box.outcome = typeof args === 'string' ? args : INTERNAL_FAILURE;
          else onBridge(box, reqId, name, args);
        },
        // Synchronous: during a slice the request is handled (and a log line sent) before the result.
        { sync: true },
      );
      const api = await context.evalClosure(PRELUDE, [bridge], { result: { reference: true } });
      const fns = {
        load: await api.get('load', { reference: true }),
        invoke: await api.get('invoke', { reference: true }),
        deliver: await api.get('deliver', { reference: true }),
      };
      box = new SandboxIsolate(key, isolate, context, fns);
      return box;
    } catch (error) {
      if (!isolate.isDisposed) isolate.dispose();
      throw error;
    }
  }

  /**
   * Compiles and evaluates the plugin's bundled module (no imports allowed) and adopts its `run`
   * (or, for a router, judge or provider, its methods: see prelude.ts).
   * Synchronously, on this thread, like every call: the module's top-level code is untrusted too,
   * and isolated-vm's own threads leave V8 so little native stack below its limit that code
   * overflowing the stack there (recursive Proxy traps compiling code) crashed the process.
   */
  load(source: string, sha256: string, timeoutMs: number): void {
    const module = this.isolate.compileModuleSync(source, { filename: `plugin:${sha256.slice(0, 12)}.js` });
    const imports = module.dependencySpecifiers;
    if (imports.length > 0) {
      throw new Error(`plugin modules must be bundled, but this one imports '${imports[0]}'`);
    }
    module.instantiateSync(this.context, (specifier) => {
      throw new Error(`plugin modules must be bundled, but this one imports '${specifier}'`);
    });
    module.evaluateSync({ timeout: timeoutMs });
    this.fns.load.applySync(undefined, [module.namespace.derefInto()], { timeout: timeoutMs });
    this.loaded = true;
  }

  /**
   * Starts the plugin's run for one call, synchronously on this thread (see call-runner.ts); its
   * promise continues in later slices. The config enters as JSON text the isolate parses, or as a
   * structured-clone copy made by isolated-vm (plain data in the isolate's own heap, no Reference);
   * identity and grants as primitives.
   */
  start(
    config: ConfigPayload,
    info: CallInfo,
    grants: Grant[],
    maxOutputBytes: number,
    maxLogLines: number,
    timeoutMs: number,
  ): void {
    this.outcome = '';
    this.fns.invoke.applySync(
      undefined,
      [
        'json' in config ? config.json : new ivm.ExternalCopy(config.value).copyInto({ release: true }),
        'json' in config ? config.undefinedPaths : null,
        String(info.runId),
        String(info.nodeId),
        String(info.tenantId),
        String(info.idempotencyKey),
        Number(info.attempt),
        grants.join(','),
        maxOutputBytes,
        maxLogLines,
      ],
      { timeout: timeoutMs },
    );
  }

  /** The finished call's envelope ('V' + JSON or 'E' + failure JSON), or '' while it still waits. */
  take(): string {
    const envelope = this.outcome;
    this.outcome = '';
    return envelope;
  }

  /** Settles a pending capability promise inside the isolate; the plugin continues in this slice. */
  deliver(reqId: number, ok: boolean, payload: string, timeoutMs: number): void {
    this.fns.deliver.applySync(undefined, [reqId, ok, payload], { timeout: timeoutMs });
  }

  /** CPU time this isolate has used, in nanoseconds. */
  cpuNs(): bigint {
    try {
      return this.isolate.cpuTime;
    } catch {
      return 0n;
    }
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /** Stops whatever runs in the isolate and frees its memory. */
  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
