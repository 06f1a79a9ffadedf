import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PLAN_LIMITS, resolveLimits } from './limits.ts';

describe('resolveLimits', () => {
  it('takes the plan over the defaults and lets a plugin only tighten', () => {
    const limits = resolveLimits(DEFAULT_LIMITS, PLAN_LIMITS.pro, { cpuMs: 50, memoryMb: 1_000 });
    expect(limits.cpuMs).toBe(50);
    expect(limits.memoryMb).toBe(PLAN_LIMITS.pro.memoryMb);
    expect(limits.wallMs).toBe(PLAN_LIMITS.pro.wallMs);
  });

  it('ignores nonsense values and keeps memory at or above what isolated-vm accepts', () => {
    const limits = resolveLimits(DEFAULT_LIMITS, { cpuMs: -1, wallMs: Number.NaN }, { memoryMb: 2 });
    expect(limits.cpuMs).toBe(DEFAULT_LIMITS.cpuMs);
    expect(limits.wallMs).toBe(DEFAULT_LIMITS.wallMs);
    expect(limits.memoryMb).toBe(8);
  });
});
