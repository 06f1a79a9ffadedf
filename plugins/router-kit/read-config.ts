/**
 * Reads a plugin's config against the config JSON Schema in its manifest: fills defaults and
 * rejects unknown settings and wrong types with a message that names the plugin and the setting.
 * A small subset of JSON Schema (the one our manifests use) so plugin bundles stay tiny; the host
 * validates the full schema with ajv before a workflow runs, this is the plugin's own guard.
 */

import type { JsonSchema } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** Returns `config` with defaults filled in, or throws `invalid-config` naming what was wrong. */
export function readConfig<T>(pluginId: string, schema: JsonSchema, config: unknown): T {
  return check(pluginId, schema, config ?? {}, 'config') as T;
}

function fail(pluginId: string, path: string, message: string): never {
  throw new UserError('invalid-config', `${pluginId}: ${path} ${message}`, { plugin: pluginId, path });
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function matchesType(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function check(id: string, schema: JsonSchema, value: unknown, path: string): unknown {
  const type = schema.type as string | string[] | undefined;
  const actual = typeOf(value);
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => matchesType(t, actual)))
      fail(id, path, `must be ${types.join(' or ')}, got ${actual}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    fail(
      id,
      path,
      `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  if (typeof value === 'number') checkNumber(id, schema, value, path);
  if (typeof value === 'string') checkString(id, schema, value, path);
  if (Array.isArray(value)) return checkArray(id, schema, value, path);
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    return checkObject(id, schema, value as Record<string, unknown>, path);
  }
  return value;
}

function checkNumber(id: string, schema: JsonSchema, value: number, path: string): void {
  if (!Number.isFinite(value)) fail(id, path, 'must be a finite number');
  if (typeof schema.minimum === 'number' && value < schema.minimum)
    fail(id, path, `must be >= ${schema.minimum}, got ${value}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum)
    fail(id, path, `must be <= ${schema.maximum}, got ${value}`);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
    fail(id, path, `must be > ${schema.exclusiveMinimum}, got ${value}`);
  }
}

function checkString(id: string, schema: JsonSchema, value: string, path: string): void {
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
    fail(
      id,
      path,
      schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`,
    );
  }
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    fail(id, path, `must be at most ${schema.maxLength} characters, got ${value.length}`);
  }
}

function checkArray(id: string, schema: JsonSchema, value: unknown[], path: string): unknown[] {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    fail(id, path, `must have at least ${schema.minItems} item(s)`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    fail(id, path, `must have at most ${schema.maxItems} item(s)`);
  }
  const items = schema.items as JsonSchema | undefined;
  return items ? value.map((item, i) => check(id, items, item, `${path}[${i}]`)) : value;
}

function checkObject(
  id: string,
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: string,
): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const extra = schema.additionalProperties as boolean | JsonSchema | undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key] ?? (typeof extra === 'object' ? extra : undefined);
    if (!propertySchema) {
      if (extra === true) {
        out[key] = item;
        continue;
      }
      const known = Object.keys(properties);
      fail(
        id,
        `${path}.${key}`,
        `is not a known setting${known.length ? ` (expected one of: ${known.join(', ')})` : ''}`,
      );
    }
    if (item !== undefined) out[key] = check(id, propertySchema, item, `${path}.${key}`);
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (out[key] === undefined && propertySchema.default !== undefined)
      out[key] = structuredCloneJson(propertySchema.default);
  }
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (out[key] === undefined) fail(id, `${path}.${key}`, 'is required');
  }
  return out;
}

// Defaults are shared schema data: hand each call its own copy so a caller cannot mutate the manifest.
function structuredCloneJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
}
