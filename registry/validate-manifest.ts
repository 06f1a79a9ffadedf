/** Validates a plugin manifest against registry/manifest.schema.json, reporting every problem at once. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { UserError } from '../runtime/workflow/errors.ts';
import schema from './manifest.schema.json' with { type: 'json' };
import type { PluginManifest } from './sdk/plugin.ts';

let compiled: ValidateFunction | undefined;

/** Every problem with a manifest, as `path: message` strings; empty when valid. */
export function manifestProblems(manifest: unknown): string[] {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  if (compiled(manifest)) return [];
  return (compiled.errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
        : '';
    return `manifest${e.instancePath || ''}: ${e.message}${extra}`;
  });
}

/** Returns the manifest typed, or throws a UserError (422) listing every problem. */
export function assertValidManifest(manifest: unknown): PluginManifest {
  const problems = manifestProblems(manifest);
  if (problems.length > 0) {
    throw new UserError(
      'invalid-manifest',
      `invalid plugin manifest: ${problems.join('; ')}`,
      { problems },
      422,
    );
  }
  return manifest as PluginManifest;
}
