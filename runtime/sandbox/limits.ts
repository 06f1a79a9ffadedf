/**
 * Resource limits for one sandboxed call. The pool has defaults, a plan can raise or lower them per
 * tenant, and a single plugin can only tighten what its tenant's plan allows.
 */

/** What one call into the sandbox may use. */
export interface SandboxLimits {
  /** Heap of the isolate running the call, in MB (isolated-vm's minimum is 8). */
  memoryMb: number;
  /** CPU time the call may burn, in ms (measured on the isolate, so a busy machine does not count). */
  cpuMs: number;
  /** Wall-clock time the call may take, waiting on fetch/kv/llm included, in ms. */
  wallMs: number;
  /** Size of the node's output (and of any capability arguments), in bytes of JSON. */
  maxOutputBytes: number;
  /** Log lines one call may write to the run trace; later lines are dropped. */
  maxLogLines: number;
}

/** Limits used when neither the plan nor the plugin says otherwise. */
export const DEFAULT_LIMITS: SandboxLimits = {
  memoryMb: 64,
  cpuMs: 1_000,
  wallMs: 30_000,
  maxOutputBytes: 1_000_000,
  maxLogLines: 200,
};

/** Suggested limits per billing plan; the host maps a tenant's plan to one of these. */
export const PLAN_LIMITS: Record<'free' | 'pro' | 'enterprise', SandboxLimits> = {
  free: { memoryMb: 32, cpuMs: 500, wallMs: 15_000, maxOutputBytes: 256_000, maxLogLines: 100 },
  pro: { memoryMb: 128, cpuMs: 2_000, wallMs: 60_000, maxOutputBytes: 2_000_000, maxLogLines: 500 },
  enterprise: {
    memoryMb: 256,
    cpuMs: 10_000,
    wallMs: 300_000,
    maxOutputBytes: 10_000_000,
    maxLogLines: 2_000,
  },
};

const MIN_MEMORY_MB = 8;

/**
 * The limits for one call: `base` (pool defaults) overridden by `plan`, then tightened (never
 * loosened) by `call`, so a plugin cannot grant itself more than its tenant pays for.
 */
export function resolveLimits(
  base: SandboxLimits,
  plan?: Partial<SandboxLimits>,
  call?: Partial<SandboxLimits>,
): SandboxLimits {
  const out: SandboxLimits = { ...base };
  for (const key of Object.keys(out) as Array<keyof SandboxLimits>) {
    const fromPlan = plan?.[key];
    if (isPositive(fromPlan)) out[key] = fromPlan;
    const fromCall = call?.[key];
    if (isPositive(fromCall)) out[key] = Math.min(out[key], fromCall);
  }
  out.memoryMb = Math.max(MIN_MEMORY_MB, Math.floor(out.memoryMb));
  return out;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
