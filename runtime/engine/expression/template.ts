/**
 * Templates: any JSON value whose strings may hold `{{ ... }}`. A string that is exactly one
 * expression yields the expression's raw value (a list stays a list); mixed text interpolates.
 */
import { type ExpressionScope, evaluateParsed, interpolate } from './evaluator.ts';
import { type ExpressionLimits, resolveLimits } from './limits.ts';
import { parseTemplate } from './template-parts.ts';

/** A template compiled once and evaluated many times. Static parts are returned as they are (not copied). */
export interface CompiledTemplate {
  /** True when the value holds no expression: evaluating it returns the value itself. */
  readonly isStatic: boolean;
  evaluate(scope: ExpressionScope, limits?: ExpressionLimits): unknown;
}

function staticTemplate(value: unknown): CompiledTemplate {
  return { isStatic: true, evaluate: () => value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const compiled = new WeakMap<object, CompiledTemplate>();

/** Compiles a JSON value into a template; objects are compiled once and remembered. */
export function compileTemplate(value: unknown): CompiledTemplate {
  if (typeof value === 'string') {
    const template = parseTemplate(value);
    if (!template) return staticTemplate(value);
    const { raw, parts } = template;
    if (raw) return { isStatic: false, evaluate: (scope, limits) => evaluateParsed(raw, scope, limits) };
    return { isStatic: false, evaluate: (scope, limits) => interpolate(parts, scope, resolveLimits(limits)) };
  }
  if (typeof value !== 'object' || value === null) return staticTemplate(value);
  const known = compiled.get(value);
  if (known) return known;
  let result: CompiledTemplate;
  if (Array.isArray(value)) {
    const items = value.map(compileTemplate);
    result = items.every((t) => t.isStatic)
      ? staticTemplate(value)
      : { isStatic: false, evaluate: (scope, limits) => items.map((t) => t.evaluate(scope, limits)) };
  } else if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, v]) => [key, compileTemplate(v)] as const);
    result = entries.every(([, t]) => t.isStatic)
      ? staticTemplate(value)
      : {
          isStatic: false,
          evaluate: (scope, limits) => {
            const out: Record<string, unknown> = {};
            for (const [key, t] of entries) out[key] = t.evaluate(scope, limits);
            return out;
          },
        };
  } else {
    result = staticTemplate(value);
  }
  compiled.set(value, result);
  return result;
}

/** Evaluates every `{{ ... }}` inside a JSON value against `scope`. */
export function evaluateTemplate(value: unknown, scope: ExpressionScope, limits?: ExpressionLimits): unknown {
  return compileTemplate(value).evaluate(scope, limits);
}
