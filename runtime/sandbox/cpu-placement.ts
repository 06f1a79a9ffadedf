/**
 * Which CPUs the sandbox processes run on (Linux). A warm call is a round trip: the host wakes its
 * worker, the worker wakes the host. On one core that is two context switches; across cores each
 * hop wakes the other core, and on the virtual machines here (an idle vCPU halts) that costs
 * 15-40 µs per hop: a same-core socket round trip measured ~9 µs, a cross-core one 35-80 µs, and a
 * warm code-node call ~45 µs against ~120 µs (bench/sandbox.bench.ts).
 *
 * So, while a pool is open, the host's main thread is pinned to the core it is on and the pool's
 * first worker shares that core (sequential calls, the common case in a workflow, go there); the
 * other workers get the remaining cores, so concurrent calls run in parallel and never take the
 * host's core. Only the main thread is pinned: libuv's and V8's helper threads keep every core.
 * Pinning uses util-linux's `taskset`; where it is missing or refused (another OS, a locked-down
 * container) placement is off and the kernel decides, as without it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** How a pool places its processes: next to the host's main thread, or wherever the kernel likes. */
export type CpuPlacementMode = 'share-host-core' | 'off';

/** The placement of one pool, released when the pool closes. */
export interface CpuPlacement {
  /** The core the host's main thread (and the first worker) is pinned to. */
  readonly hostCpu: number;
  /** The CPU list (`taskset -c` syntax) for the worker in `slot`. */
  cpusFor(slot: number): string;
  /** The pool is done: the last one to release unpins the host's main thread. */
  release(): void;
}

const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));

// The host's main thread is pinned once for all open pools, and restored after the last one closes.
let hostPin: { cpu: number; allowed: number[]; original: string; users: number } | undefined;

/** The command line that starts `argv` on `cpus` (or unchanged when `cpus` is undefined). */
export function pinnedCommand(cpus: string | undefined, argv: string[]): string[] {
  return cpus !== undefined && TASKSET ? [TASKSET, '-c', cpus, ...argv] : argv;
}

/** Places a pool next to the host's main thread, or undefined when that is off or impossible. */
export function placeNearHost(mode: CpuPlacementMode): CpuPlacement | undefined {
  if (mode === 'off' || process.platform !== 'linux' || !TASKSET) return undefined;
  if (!hostPin) {
    try {
      const original = allowedCpus(process.pid);
      const allowed = original ? parseCpuList(original) : [];
      const cpu = currentCpu();
      // One allowed core: everything shares it already. A cpu we may not use: cpusets changed under us.
      if (!original || allowed.length < 2 || cpu === undefined || !allowed.includes(cpu)) return undefined;
      pinMainThread(String(cpu));
      hostPin = { cpu, allowed, original, users: 0 };
    } catch {
      return undefined;
    }
  }
  const pin = hostPin;
  pin.users++;
  const others = pin.allowed.filter((c) => c !== pin.cpu).join(',');
  let released = false;
  return {
    hostCpu: pin.cpu,
    cpusFor: (slot) => (slot === 0 ? String(pin.cpu) : others),
    release() {
      if (released) return;
      released = true;
      if (--pin.users > 0 || hostPin !== pin) return;
      hostPin = undefined;
      try {
        pinMainThread(pin.original);
      } catch {
        // The process keeps the narrower mask; it still runs, only on one core.
      }
    },
  };
}

/** `0-3,6,8-9` as numbers. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let c = from!; c <= to!; c++) cpus.push(c);
  }
  return cpus;
}

/** The CPU list `pid`'s thread `tid` may run on, as `taskset -c` prints it (for tests and monitoring). */
export function allowedCpus(pid: number, tid = pid): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1];
  } catch {
    return undefined;
  }
}

/** The core the main thread last ran on (field 39 of /proc/<pid>/stat). */
function currentCpu(): number | undefined {
  const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces), starting at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = Number(fields[39 - 3]);
  return Number.isInteger(cpu) ? cpu : undefined;
}

/** Pins the main thread only (its id is the process id); other threads keep their masks. */
function pinMainThread(cpus: string): void {
  execFileSync(TASKSET!, ['-p', '-c', cpus, String(process.pid)], { stdio: 'ignore', timeout: 5_000 });
}
