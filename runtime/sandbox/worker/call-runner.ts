/**
 * Runs calls inside a sandbox worker process: picks or creates the tenant's isolate, watches each
 * call's CPU and wall time (stopping the isolate when a limit is passed), forwards capability
 * requests to the host and delivers the answers back only while the call that asked is running.
 */

import type { SandboxLimits } from '../limits.ts';
import type { CapabilityResultMessage, FailureKind, InvokeMessage, WorkerMessage } from '../protocol.ts';
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
  phase: 'start' | 'load' | 'run';
}

interface OpenRequest {
  callId: number;
  box: SandboxIsolate;
  isolateReqId: number;
}

/** The worker's call handling, independent of how messages travel. */
export interface CallRunner {
  invoke(message: InvokeMessage): Promise<void>;
  cancel(callId: number): void;
  answer(message: CapabilityResultMessage): void;
}

const WATCH_EVERY_MS = 5;

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
  }

  function watch(): void {
    const now = performance.now();
    for (const call of active.values()) {
      if (call.stopReason) continue;
      if (call.box && Number(call.box.cpuNs() - call.cpuStartNs) / 1e6 > call.limits.cpuMs) stop(call, 'cpu');
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
      if (isolateReqId !== 0)
        box.deliver(
          isolateReqId,
          false,
          `${name}: the arguments are over the limit of ${call.limits.maxOutputBytes} bytes`,
          remaining(call),
        );
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

  /** Wall-clock time left for a call, as the whole milliseconds isolated-vm's `timeout` wants. */
  function remaining(call: ActiveCall): number {
    return Math.max(1, Math.ceil(call.limits.wallMs - (performance.now() - call.startedAt)));
  }

  function fail(callId: number, kind: FailureKind, message: string, code?: string): void {
    send({ type: 'result', callId, ok: false, kind, message, code });
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

  function report(call: ActiveCall, envelope: unknown): void {
    const { callId, limits } = call;
    if (typeof envelope !== 'string' || envelope.length === 0) {
      fail(callId, 'internal', 'the sandbox returned no result');
    } else if (envelope[0] === 'V') {
      const value = envelope.slice(1);
      const bytes = Buffer.byteLength(value);
      if (bytes <= limits.maxOutputBytes) send({ type: 'result', callId, ok: true, value });
      else
        fail(
          callId,
          'output-too-large',
          `the output is ${bytes} bytes, over the limit of ${limits.maxOutputBytes} bytes`,
        );
    } else {
      const failure = JSON.parse(envelope.slice(1)) as { kind: FailureKind; message: string; code?: string };
      // A RangeError from a refused allocation is the memory limit showing up as an ordinary exception.
      const memory = failure.kind === 'plugin' && /allocation failed/i.test(failure.message);
      fail(callId, memory ? 'memory' : failure.kind, failure.message, failure.code);
    }
  }

  return {
    async invoke(message) {
      const { callId, limits } = message;
      const key = `${message.tenantId}\n${message.sha256}\n${limits.memoryMb}`;
      // A warm isolate already holds the module; only a new one needs the source.
      let box = cache.take(key);
      if (message.source !== undefined) sources.put(message.sha256, message.source);
      const source = message.source ?? sources.get(message.sha256);
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
          await box.load(source!, message.sha256, remaining(call));
        }
        call.phase = 'run';
        const envelope = await box.invoke(
          message.config,
          message.info,
          message.grants,
          limits.maxOutputBytes,
          limits.maxLogLines,
          remaining(call),
        );
        if (call.stopReason) throw new Error(`stopped: ${call.stopReason}`);
        report(call, envelope);
      } catch (error) {
        const { kind, message: text } = classify(call, error);
        fail(callId, kind, text);
        box?.dispose();
      } finally {
        active.delete(callId);
        for (const [reqId, request] of requests) if (request.callId === callId) requests.delete(reqId);
        if (box) {
          box.activeCallId = null;
          if (!box.disposed && !call.stopReason) cache.put(box);
        }
      }
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
      if (!call || request.box.activeCallId !== request.callId) return;
      request.box.deliver(
        request.isolateReqId,
        message.ok === true,
        String(message.payload),
        remaining(call),
      );
    },
  };
}
