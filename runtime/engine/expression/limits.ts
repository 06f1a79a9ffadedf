/** Limits that keep one expression evaluation small and fast, whatever the builder (or an attacker) writes. */
export interface ExpressionLimits {
  /** Evaluation steps (one per operator, name, literal; collection functions cost more). */
  maxSteps?: number;
  /** Nesting depth of the expression (parentheses, calls, literals). */
  maxDepth?: number;
  /** Longest string an expression may build. */
  maxStringLength?: number;
  /** Total size of the strings and lists one evaluation may build (characters + items). */
  maxResultBytes?: number;
}

/** The limits used when none are given. */
export const defaultExpressionLimits: Required<ExpressionLimits> = {
  maxSteps: 10_000,
  maxDepth: 64,
  maxStringLength: 1_000_000,
  maxResultBytes: 4_000_000,
};

/** Fills in defaults; returns the shared default object when nothing is overridden (no allocation). */
export function resolveLimits(limits: ExpressionLimits | undefined): Required<ExpressionLimits> {
  if (!limits) return defaultExpressionLimits;
  return {
    maxSteps: limits.maxSteps ?? defaultExpressionLimits.maxSteps,
    maxDepth: limits.maxDepth ?? defaultExpressionLimits.maxDepth,
    maxStringLength: limits.maxStringLength ?? defaultExpressionLimits.maxStringLength,
    maxResultBytes: limits.maxResultBytes ?? defaultExpressionLimits.maxResultBytes,
  };
}
