/** The wait before a retry: exponential backoff, capped, with jitter so many runs do not retry in step. */

import { parseDuration } from '../workflow/duration.ts';
import type { RetryPolicy } from '../workflow/types.ts';

/** A retry policy with every default filled in and durations in milliseconds. */
export interface RetrySchedule {
  max: number;
  backoffMs: number;
  factor: number;
  maxDelayMs: number;
  jitter: number;
}

/** Fills in a node's retry policy: first wait 200 ms, factor 2, at most 30 s, jitter 0.2. */
export function toRetrySchedule(policy: RetryPolicy, nodeId: string): RetrySchedule {
  return {
    max: Math.max(0, Math.floor(policy.max)),
    backoffMs: parseDuration(policy.backoff ?? 200, `node '${nodeId}' retry.backoff`),
    factor: policy.factor ?? 2,
    maxDelayMs: parseDuration(policy.maxDelay ?? 30_000, `node '${nodeId}' retry.maxDelay`),
    jitter: Math.min(1, Math.max(0, policy.jitter ?? 0.2)),
  };
}

/**
 * Milliseconds to wait after failed attempt number `failed` (1 = the first attempt). `random` in
 * [0, 1) spreads the delay by ±jitter; 0.5 gives the exact backoff.
 */
export function retryDelay(schedule: RetrySchedule, failed: number, random: () => number): number {
  const base = Math.min(schedule.maxDelayMs, schedule.backoffMs * schedule.factor ** (failed - 1));
  const spread = base * schedule.jitter * (2 * random() - 1);
  return Math.round(Math.min(schedule.maxDelayMs, Math.max(0, base + spread)));
}
