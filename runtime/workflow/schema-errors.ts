/**
 * Turns ajv errors into problems a builder can act on: the JSON path, what was expected and what was
 * found ("/nodes/2/retry/max: expected integer, got string '3'"), at the line and column of the value.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fromPointer, type JsonPath, type Locate, problemAt, toPointer } from './source-locator.ts';
import type { Problem } from './types.ts';

/** The annotation our schema uses to say in words what a value should look like. */
export const EXPECTED_KEYWORD = 'x-expected';

/** Maps ajv errors (validated with `verbose: true`) to deduplicated problems under `base`. */
export function schemaProblems(
  errors: readonly ErrorObject[],
  locate: Locate,
  options: { base?: JsonPath; code?: string; suffix?: string } = {},
): Problem[] {
  const base = options.base ?? [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    const described = describeError(error);
    if (!described) continue;
    const path = [...base, ...described.path];
    const message = `${toPointer(path) || '/'}: ${described.message}${options.suffix ?? ''}`;
    if (seen.has(message)) continue;
    seen.add(message);
    problems.push(problemAt(locate(path, described.at), options.code ?? 'schema', message));
  }
  return problems;
}

/** One error in words, or undefined for wrapper errors (`if`, `propertyNames`) that repeat an inner one. */
function describeError(
  error: ErrorObject,
): { path: Array<string | number>; message: string; at: 'key' | 'value' } | undefined {
  const path: Array<string | number> = fromPointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const expected =
    typeof parent[EXPECTED_KEYWORD] === 'string' ? (parent[EXPECTED_KEYWORD] as string) : undefined;
  const got = `got ${describeValue(error.data)}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'type':
      return {
        path,
        at: 'value',
        message: `expected ${expected ?? listOr(String(params.type).split(','))}, ${got}`,
      };
    case 'pattern':
    case 'format':
      if (error.propertyName !== undefined) {
        const name = error.propertyName;
        return {
          path: [...path, name],
          at: 'key',
          message: `invalid name '${name}'; expected ${expected ?? `a name matching ${String(params.pattern ?? params.format)}`}`,
        };
      }
      return {
        path,
        at: 'value',
        message: `expected ${expected ?? `a string matching ${String(params.pattern ?? params.format)}`}, ${got}`,
      };
    case 'required':
      return { path, at: 'value', message: `missing required property '${String(params.missingProperty)}'` };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const hint = expected ?? (allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no other properties');
      return { path: [...path, name], at: 'key', message: `unknown property '${name}'; expected ${hint}` };
    }
    case 'enum':
      return {
        path,
        at: 'value',
        message: `expected ${listOr((params.allowedValues as unknown[]).map((v) => JSON.stringify(v)))}, ${got}`,
      };
    case 'const':
      return { path, at: 'value', message: `expected ${JSON.stringify(params.allowedValue)}, ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path,
        at: 'value',
        message: `expected a number ${String(params.comparison)} ${String(params.limit)}, ${got}`,
      };
    case 'minItems':
      return {
        path,
        at: 'value',
        message: `expected at least ${String(params.limit)} item(s), got ${countOf(error.data)}`,
      };
    case 'maxItems':
      return {
        path,
        at: 'value',
        message: `expected at most ${String(params.limit)} item(s), got ${countOf(error.data)}`,
      };
    case 'minLength':
      return { path, at: 'value', message: `expected at least ${String(params.limit)} character(s), ${got}` };
    case 'maxLength':
      return { path, at: 'value', message: `expected at most ${String(params.limit)} character(s), ${got}` };
    case 'minProperties':
    case 'maxProperties':
      return {
        path,
        at: 'value',
        message: `expected ${expected ?? `${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params.limit)} properties`}, got ${
          Object.keys(error.data as object)
            .map((k) => `'${k}'`)
            .join(', ') || 'none'
        }`,
      };
    default:
      return {
        path,
        at: 'value',
        message: `${error.message ?? 'is invalid'}${expected ? ` (expected ${expected})` : ''}`,
      };
  }
}

/** A short description of a value for messages: `string 'abc'`, `number 3`, `object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function listOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'a value';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function countOf(value: unknown): string {
  return Array.isArray(value) ? String(value.length) : describeValue(value);
}
