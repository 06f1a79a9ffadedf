/**
 * Runs calls inside a sandbox worker process: picks or creates the tenant's isolate, runs the
 * plugin in synchronous slices on this thread (the start of the call, then once per capability
 * answer), enforces each call's CPU and wall time, forwards capability requests to the host and
 * delivers the answers back only while the call that asked is running.
 *
 * Why slices on this thread: an asynchronous isolated-vm call hops to its thread pool and back, two
 * thread wake-ups per call that cost more than the plugin code itself on a busy machine. A slice
 * cannot block on anything (there are no timers and every capability is a promise), so it only ever
 * runs CPU work, bounded by its timeout.
 */

import type { SandboxLimits } from '../limits.ts';
import type {
  CapabilityResultMessage,
  ConfigPayload,
  FailureKind,
  InvokeMessage,
  WorkerMessage,
} from '../protocol.ts';
import { IsolateCache } from './isolate-cache.ts';
import { ModuleSources } from './module-sources.ts';
import { SandboxIsolate } from './sandbox-isolate.ts';

interface ActiveCall {
  callId: number;
  limits: SandboxLimits;
  startedAt: number;
  box?: SandboxIsolate;
  cpuStartNs: bigint;
  stopReason?: 'cpu' | 'wall' | 'cancel';
  /** 'wait': between slices, waiting for capability answers (nothing of ours is in flight). */
  phase: 'start' | 'load' | 'run' | 'wait';
  done?: true;
}

interface OpenRequest {
  callId: number;
  box: SandboxIsolate;
  isolateReqId: number;
}

/** The worker's call handling, independent of how messages travel. */
export interface CallRunner {
  invoke(message: InvokeMessage, config: ConfigPayload): Promise<void>;
  cancel(callId: number): void;
  answer(message: CapabilityResultMessage): void;
}

const WATCH_EVERY_MS = 5;
// A slice may run this many times the call's remaining CPU budget in wall-clock time before it is
// stopped, so a busy machine (wall time > CPU time) does not fail calls that are within their budget.
const CPU_SLACK = 2;

/**
 * A call runner that sends results and capability requests through `send`, keeping up to
 * `cacheCapacity` idle isolates and `sourceChars` characters of module text (past that the host
 * resends a module on demand).
 */
export function createCallRunner(
  send: (message: WorkerMessage) => void,
  cacheCapacity: number,
  sourceChars = 64 * 1024 * 1024,
): CallRunner {
  const cache = new IsolateCache(cacheCapacity);
  const sources = new ModuleSources(sourceChars);
  const active = new Map<number, ActiveCall>();
  const requests = new Map<number, OpenRequest>();
  let nextReqId = 1;
  let watcher: NodeJS.Timeout | undefined;

  function stop(call: ActiveCall, reason: 'cpu' | 'wall' | 'cancel'): void {
    call.stopReason ??= reason;
    call.box?.dispose();
    // A call waiting between slices has nothing in flight that would fail by itself.
    if (call.phase === 'wait') finish(call, classify(call, new Error(`stopped: ${reason}`)));
  }

  function watch(): void {
    const now = performance.now();
    for (const call of active.values()) {
      if (call.stopReason) continue;
      if (call.box && cpuUsedMs(call) > call.limits.cpuMs) stop(call, 'cpu');
      else if (now - call.startedAt > call.limits.wallMs) stop(call, 'wall');
    }
    if (active.size === 0 && watcher) {
      clearInterval(watcher);
      watcher = undefined;
    }
  }

  function onBridge(box: SandboxIsolate, isolateReqId: number, name: unknown, args: unknown): void {
    const call = box.activeCallId === null ? undefined : active.get(box.activeCallId);
    if (!call || call.box !== box || typeof name !== 'string' || typeof args !== 'string') return;
    if (args.length > call.limits.maxOutputBytes) {
      const text = `${name}: the arguments are over the limit of ${call.limits.maxOutputBytes} bytes`;
      // This runs inside the slice that asked: answer once the slice has returned.
      if (isolateReqId !== 0) queueMicrotask(() => deliver(call, box, isolateReqId, false, text));
      return;
    }
    if (isolateReqId === 0) {
      send({ type: 'capability', callId: call.callId, reqId: 0, name, args });
      return;
    }
    const reqId = nextReqId++;
    requests.set(reqId, { callId: call.callId, box, isolateReqId });
    send({ type: 'capability', callId: call.callId, reqId, name, args });
  }

  function cpuUsedMs(call: ActiveCall): number {
    return call.box ? Number(call.box.cpuNs() - call.cpuStartNs) / 1e6 : 0;
  }

  /** Wall-clock time left for a call, as the whole milliseconds isolated-vm's `timeout` wants. */
  function remaining(call: ActiveCall): number {
    return Math.max(1, Math.ceil(call.limits.wallMs - (performance.now() - call.startedAt)));
  }

  /** How long the next slice may run: the wall time left, capped by the CPU budget left (with slack). */
  function sliceMs(call: ActiveCall): number {
    const cpuLeft = (call.limits.cpuMs - cpuUsedMs(call)) * CPU_SLACK;
    return Math.max(1, Math.min(remaining(call), Math.ceil(cpuLeft)));
  }

  /** Runs one slice of a call, then reports the call if the plugin has finished. */
  function slice(call: ActiveCall, box: SandboxIsolate, run: (timeoutMs: number) => void): void {
    try {
      call.phase = 'run';
      run(sliceMs(call));
      if (cpuUsedMs(call) > call.limits.cpuMs) call.stopReason ??= 'cpu';
      if (call.stopReason) throw new Error(`stopped: ${call.stopReason}`);
      const envelope = box.take();
      if (envelope === '') {
        call.phase = 'wait';
      } else finish(call, envelope);
    } catch (error) {
      // A slice that ran out of time used up the CPU budget (give or take a busy machine), unless the wall limit came first.
      if (timedOut(error) && remaining(call) > 1) call.stopReason ??= 'cpu';
      finish(call, classify(call, error));
    }
  }

  function timedOut(error: unknown): boolean {
    return error instanceof Error && error.message.includes('Script execution timed out');
  }

  function deliver(
    call: ActiveCall,
    box: SandboxIsolate,
    isolateReqId: number,
    ok: boolean,
    payload: string,
  ): void {
    if (call.done || call.box !== box || box.activeCallId !== call.callId || box.disposed) return;
    slice(call, box, (timeoutMs) => box.deliver(isolateReqId, ok, payload, timeoutMs));
  }

  function classify(call: ActiveCall, error: unknown): { kind: FailureKind; message: string } {
    const message = error instanceof Error ? error.message : String(error);
    if (call.stopReason === 'cpu') return { kind: 'timeout', message };
    if (call.stopReason === 'wall' || message.includes('Script execution timed out'))
      return { kind: 'wall-timeout', message };
    if (call.stopReason === 'cancel') return { kind: 'cancelled', message };
    if (call.box?.disposed || /memory limit|allocation failed/i.test(message))
      return { kind: 'memory', message };
    if (call.phase === 'load') return { kind: 'bad-module', message };
    return { kind: 'internal', message };
  }

  /** Reports a call once (its envelope or failure), and returns its isolate to the cache if healthy. */
  function finish(call: ActiveCall, outcome: string | { kind: FailureKind; message: string }): void {
    if (call.done) return;
    call.done = true;
    const { callId, box } = call;
    if (typeof outcome === 'string') report(call, outcome);
    else {
      send({ type: 'result', callId, ok: false, kind: outcome.kind, message: outcome.message });
      box?.dispose();
    }
    active.delete(callId);
    for (const [reqId, request] of requests) if (request.callId === callId) requests.delete(reqId);
    if (box) {
      box.activeCallId = null;
      if (!box.disposed && !call.stopReason) cache.put(box);
    }
  }

  function report(call: ActiveCall, envelope: string): void {
    const { callId, limits } = call;
    if (envelope[0] === 'V') {
      const value = envelope.slice(1);
      const bytes = Buffer.byteLength(value);
      if (bytes <= limits.maxOutputBytes) send({ type: 'result', callId, ok: true, value });
      else {
        const message = `the output is ${bytes} bytes, over the limit of ${limits.maxOutputBytes} bytes`;
        send({ type: 'result', callId, ok: false, kind: 'output-too-large', message });
      }
    } else {
      const failure = JSON.parse(envelope.slice(1)) as { kind: FailureKind; message: string; code?: string };
      // A RangeError from a refused allocation is the memory limit showing up as an ordinary exception.
      const memory = failure.kind === 'plugin' && /allocation failed/i.test(failure.message);
      const kind = memory ? 'memory' : failure.kind;
      send({ type: 'result', callId, ok: false, kind, message: failure.message, code: failure.code });
    }
  }

  return {
    async invoke(message, config) {
      const { callId, limits } = message;
      const key = `${message.tenantId}\n${message.sha256}\n${limits.memoryMb}`;
      // A warm isolate already holds the module; only a new one needs the source.
      let box = cache.take(key);
      if (message.source !== undefined) sources.put(message.sha256, message.source);
      const source = box?.loaded ? undefined : (message.source ?? sources.get(message.sha256));
      if (!box?.loaded && source === undefined) {
        box?.dispose();
        send({ type: 'need-source', callId });
        return;
      }
      const call: ActiveCall = {
        callId,
        limits,
        startedAt: performance.now(),
        cpuStartNs: 0n,
        phase: 'start',
      };
      active.set(callId, call);
      watcher ??= setInterval(watch, WATCH_EVERY_MS);
      try {
        box ??= await SandboxIsolate.create(key, limits.memoryMb, onBridge);
        call.box = box;
        call.cpuStartNs = box.cpuNs();
        box.activeCallId = callId;
        if (call.stopReason) box.dispose();
        if (!box.loaded) {
          call.phase = 'load';
          // On this thread, like a slice: the CPU budget bounds the module's top-level code too.
          box.load(source!, message.sha256, sliceMs(call));
        }
        if (cpuUsedMs(call) > call.limits.cpuMs) call.stopReason ??= 'cpu';
        if (call.stopReason) throw new Error(`stopped: ${call.stopReason}`);
      } catch (error) {
        if (timedOut(error) && remaining(call) > 1) call.stopReason ??= 'cpu';
        finish(call, classify(call, error));
        return;
      }
      const ready = box;
      const { info, grants } = message;
      slice(call, ready, (timeoutMs) =>
        ready.start(config, info, grants, limits.maxOutputBytes, limits.maxLogLines, timeoutMs),
      );
    },

    cancel(callId) {
      const call = active.get(callId);
      if (call) stop(call, 'cancel');
    },

    answer(message) {
      const request = requests.get(message.reqId);
      if (!request) return;
      requests.delete(message.reqId);
      const call = active.get(request.callId);
      if (!call) return;
      deliver(call, request.box, request.isolateReqId, message.ok === true, String(message.payload));
    },
  };
}
