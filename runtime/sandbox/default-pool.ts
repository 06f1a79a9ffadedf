/**
 * The process-wide sandbox pool used by plugins that are imported as plain modules (for example the
 * default export of plugins/core-code). Created on first use with default options; a host that wants
 * its own settings calls `setDefaultSandboxPool` at startup. Idle workers do not keep a process alive.
 */
import { createSandboxPool, type SandboxPool } from './sandbox-pool.ts';

let shared: SandboxPool | undefined;

/** The shared pool, created on first call. */
export function defaultSandboxPool(): SandboxPool {
  shared ??= createSandboxPool();
  return shared;
}

/** Replaces the shared pool (the previous one is not closed: its owner decides). */
export function setDefaultSandboxPool(pool: SandboxPool): void {
  shared = pool;
}
