/** The prior-blended mean reward every learning router ranks arms by. */
import type { ArmStats } from './arm-stats.ts';

/**
 * The arm's prior counted as `priorWeight` pseudo-calls, plus what it really earned. With no calls
 * (or no prior weight and no calls) this is the prior itself.
 */
export function blendedMean(prior: number, priorWeight: number, stats: ArmStats): number {
  const weight = priorWeight + stats.calls;
  return weight === 0 ? prior : (priorWeight * prior + stats.reward) / weight;
}
