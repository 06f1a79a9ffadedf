/**
 * A pool of sandbox worker processes, each hosting isolated-vm isolates. A crash or a runaway
 * isolate costs at most one process, which the pool replaces; the host keeps running. Calls go to
 * the process that already has the tenant's plugin warm unless it is busier than the others.
 */
import { CancelledError, OperationalError } from '../workflow/errors.ts';
import { type CpuPlacement, type CpuPlacementMode, placeNearHost } from './cpu-placement.ts';
import { CrashQuarantine, type QuarantineOptions } from './crash-quarantine.ts';
import { DEFAULT_LIMITS, resolveLimits, type SandboxLimits } from './limits.ts';
import { SandboxBystanderCrash } from './sandbox-errors.ts';
import { type SandboxCall, SandboxProcess } from './sandbox-process.ts';
import { workerLaunch } from './worker-launch.ts';

export type { CpuPlacementMode } from './cpu-placement.ts';
export type { QuarantineOptions } from './crash-quarantine.ts';
export type { SandboxCall } from './sandbox-process.ts';

/** Something that happened to the pool's processes, for logs and metrics. */
export interface SandboxPoolEvent {
  type: 'process-started' | 'process-exited' | 'plugin-quarantined';
  pid?: number;
  /** With 'process-started': the CPUs it may run on, when the pool places its processes. */
  cpus?: string;
  reason?: string;
  /** With 'plugin-quarantined': whose plugin version is refused. */
  tenantId?: string;
  pluginId?: string;
  sha256?: string;
}

/** How a pool is set up. */
export interface SandboxPoolOptions {
  /** Worker processes (default 2). */
  size?: number;
  /** Defaults for every call (see DEFAULT_LIMITS). */
  limits?: Partial<SandboxLimits>;
  /** The limits of a tenant's plan (e.g. from PLAN_LIMITS); may look the plan up asynchronously. */
  limitsFor?: (
    tenantId: string,
  ) => Partial<SandboxLimits> | undefined | Promise<Partial<SandboxLimits> | undefined>;
  /** Idle isolates each process keeps warm (default 32). */
  isolatesPerProcess?: number;
  /** Characters of bundled module text each process keeps, so a bundle crosses to a process once (default 64 M). */
  moduleCacheChars?: number;
  /**
   * 'share-host-core' (default; `FLOW_SANDBOX_PLACEMENT=off` turns it off): while the pool is open,
   * the host's main thread and the first worker share one core, the other workers the rest (Linux,
   * see cpu-placement.ts). 'off': the kernel places everything.
   */
  cpuPlacement?: CpuPlacementMode;
  /** Run workers under Node's permission model (default true). */
  permissionModel?: boolean;
  /** When a tenant's plugin version that keeps crashing its sandbox is refused (default 3 crashes in 10 minutes, refused for 10). */
  quarantine?: QuarantineOptions;
  onEvent?: (event: SandboxPoolEvent) => void;
}

/** Runs plugin code in sandbox processes. */
export interface SandboxPool {
  /**
   * Runs one call; rejects with a NodeError (TimeoutError, memory-limit, plugin-error, sandbox-crashed,
   * plugin-quarantined...). A call that was only waiting when its process died is run again once.
   */
  run(call: SandboxCall): Promise<unknown>;
  /** Number of worker processes. */
  readonly size: number;
  /** Process ids of the live workers (for monitoring, and for tests that crash one). */
  processIds(): number[];
  /** Stops every worker; calls in flight are cancelled. */
  close(): Promise<void>;
}

// Several crashes in a row get a pause, so a plugin that crashes its process cannot spin the CPU on restarts.
const CRASH_WINDOW_MS = 10_000;
const CRASHES_BEFORE_PAUSE = 5;
const RESTART_PAUSE_MS = 1_000;
const MAX_WARM_KEYS = 4_096;

/** A pool of `size` sandbox processes, started on the first call. */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const size = Math.max(1, Math.floor(options.size ?? 2));
  const base = resolveLimits(DEFAULT_LIMITS, options.limits);
  const launch = workerLaunch(options.permissionModel ?? true);
  const slots: Array<SandboxProcess | undefined> = new Array(size).fill(undefined);
  const crashes: number[] = [];
  const quarantine = new CrashQuarantine(options.quarantine);
  const placementMode =
    options.cpuPlacement ?? (process.env.FLOW_SANDBOX_PLACEMENT === 'off' ? 'off' : 'share-host-core');
  let placement: CpuPlacement | undefined;
  let closed = false;
  let started = false;

  function start(slot: number): SandboxProcess {
    const cache = {
      isolates: options.isolatesPerProcess ?? 32,
      moduleChars: options.moduleCacheChars ?? 64 * 1024 * 1024,
    };
    const cpus = placement?.cpusFor(slot);
    const proc = new SandboxProcess({ ...launch, cpus }, cache, (dead, reason, _started, suspects) => {
      options.onEvent?.({ type: 'process-exited', pid: dead.pid, reason });
      for (const call of suspects) {
        quarantine.record(call);
        if (quarantine.refusal(call))
          options.onEvent?.({
            type: 'plugin-quarantined',
            tenantId: call.ctx.tenantId,
            pluginId: call.manifest.id,
            sha256: call.sha256,
          });
      }
      if (slots[slot] !== dead) return;
      slots[slot] = undefined;
      if (closed) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length < CRASHES_BEFORE_PAUSE) start(slot);
      else setTimeout(() => !closed && slots[slot] === undefined && start(slot), RESTART_PAUSE_MS).unref();
    });
    slots[slot] = proc;
    options.onEvent?.({ type: 'process-started', pid: proc.pid, ...(cpus ? { cpus } : {}) });
    return proc;
  }

  function pick(key: string): SandboxProcess {
    let live = slots.filter((p): p is SandboxProcess => p?.alive === true);
    if (live.length === 0) {
      // All processes are down (or paused after crashes): start one now rather than fail the call.
      const free = slots.indexOf(undefined);
      live = [start(free === -1 ? 0 : free)];
    }
    const least = Math.min(...live.map((p) => p.load));
    // A process runs plugin code one slice at a time, so a warm process that is busy would make the
    // call wait: an idle one is worth a cold isolate. With CPU placement, the process sharing the
    // host's core answers about three times faster, so it takes every call it is free for (a key
    // that went elsewhere while it was busy comes back: one cold isolate, then the fast path).
    const home = placement ? slots[0] : undefined;
    const chosen =
      (home?.alive && home.load === least ? home : undefined) ??
      live.find((p) => p.warm.has(key) && p.load === least) ??
      live.find((p) => p.load === least)!;
    if (chosen.warm.size >= MAX_WARM_KEYS) chosen.warm.clear();
    chosen.warm.add(key);
    return chosen;
  }

  return {
    size,
    async run(call) {
      if (closed) throw new OperationalError('sandbox-closed', 'the sandbox pool is closed');
      if (call.ctx.signal?.aborted) throw new CancelledError();
      const refused = quarantine.refusal(call);
      if (refused) throw refused;
      if (!started) {
        started = true;
        placement = placeNearHost(placementMode);
        for (let i = 0; i < size; i++) start(i);
      }
      const plan = options.limitsFor ? await options.limitsFor(call.ctx.tenantId) : undefined;
      // Most calls have neither: they share the pool's resolved defaults (never mutated).
      const limits = plan || call.limits ? resolveLimits(base, plan, call.limits) : base;
      const key = `${call.ctx.tenantId}\n${call.sha256}`;
      try {
        return await pick(key).run(call, limits);
      } catch (error) {
        // Nothing ran on the call's behalf before its process died under another call: run it again,
        // once, on a live process (the dead one has left the pool).
        if (!(error instanceof SandboxBystanderCrash) || closed) throw error;
        if (call.ctx.signal?.aborted) throw new CancelledError();
        return pick(key).run(call, limits);
      }
    },
    processIds() {
      return slots.flatMap((p) => (p?.alive && p.pid !== undefined ? [p.pid] : []));
    },
    async close() {
      closed = true;
      const live = slots.filter((p): p is SandboxProcess => p !== undefined);
      for (const p of live) p.kill(true);
      await Promise.all(live.map((p) => p.stopped));
      placement?.release();
    },
  };
}
