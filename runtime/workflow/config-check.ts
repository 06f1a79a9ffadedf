/**
 * Checks a node's `with:` block against its plugin manifest's `config` JSON Schema. Values holding
 * `{{ ... }}` are only known at run time, so errors about them are left to the engine.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { JsonSchema } from '../../registry/sdk/plugin.ts';
import { schemaProblems } from './schema-errors.ts';
import type { JsonPath, Locate } from './source-locator.ts';
import { problemAt } from './source-locator.ts';
import type { Problem } from './types.ts';

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction | Error>();

/** Problems with `config` (a node's `with:`, at `path`) under a manifest's config schema. */
export function configProblems(
  config: unknown,
  schema: JsonSchema,
  locate: Locate,
  path: JsonPath,
  uses: string,
): Problem[] {
  const validate = validatorFor(schema);
  if (validate instanceof Error) {
    return [
      problemAt(
        locate(path),
        'config',
        `cannot check the settings of '${uses}': its manifest's config schema is invalid (${validate.message})`,
        'warning',
      ),
    ];
  }
  if (validate(config ?? {})) return [];
  const errors = (validate.errors ?? []).filter(
    (e) => !(typeof e.data === 'string' && e.data.includes('{{')),
  );
  return schemaProblems(errors, locate, { base: path, code: 'config', suffix: ` (settings of ${uses})` });
}

/** True when a value is or contains a `{{ ... }}` expression. */
export function hasExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function validatorFor(schema: JsonSchema): ValidateFunction | Error {
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      ajv ??= createAjv();
      // Manifests from different plugins may reuse an `$id`; compile each as an anonymous schema.
      const { $id: _id, ...anonymous } = schema;
      validate = ajv.compile(anonymous);
    } catch (error) {
      validate = error instanceof Error ? error : new Error(String(error));
    }
    compiled.set(schema, validate);
  }
  return validate;
}

function createAjv(): Ajv2020 {
  // Manifests carry UI hints (x-widget, ...) and may use formats: not strict, formats known.
  const instance = new Ajv2020({ allErrors: true, verbose: true, strict: false });
  const addFormats = (ajvFormats as unknown as { default: (a: Ajv2020) => void }).default;
  addFormats(instance);
  return instance;
}
