/**
 * The published workflow JSON Schema and its compiled validator. Compiling takes tens of
 * milliseconds, so it happens once, on first use, and is shared by every parse.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { EXPECTED_KEYWORD } from './schema-errors.ts';
import schema from './workflow.schema.json' with { type: 'json' };

/** The workflow JSON Schema (2020-12) as an object, e.g. for the studio's YAML pane. */
export const workflowSchema: Record<string, unknown> = schema;

/** The schema's `$id`, for `# yaml-language-server: $schema=...` and editor registrations. */
export const WORKFLOW_SCHEMA_ID: string = schema.$id;

let compiled: ValidateFunction | undefined;

/** The compiled validator (verbose, all errors), built on first call. */
export function workflowValidator(): ValidateFunction {
  if (!compiled) {
    // verbose: errors carry the failing value and schema, so messages can say what was found.
    // validateSchema: false skips checking our own schema against the meta-schema on every start
    // (~60 ms in the browser); workflow-schema.test.ts does that check once, in CI.
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      allowUnionTypes: true,
      strictTypes: false,
      validateSchema: false,
    });
    ajv.addKeyword({ keyword: EXPECTED_KEYWORD, schemaType: 'string' });
    compiled = ajv.compile(schema);
  }
  return compiled;
}
