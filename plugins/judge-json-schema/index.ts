/**
 * judge/json-schema: the output is JSON that satisfies a JSON Schema (2020-12, via ajv). Text
 * outputs are parsed first, tolerating the ```json fences models like to add; every schema error
 * is listed with its path so a builder can see which field the model got wrong.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { expectedOf } from '../judge-kit/expected-of.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { preview } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';

const ID = 'judge/json-schema';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    schema: {
      type: 'object',
      description:
        'JSON Schema the output must satisfy. Empty: the test case’s expected value is the schema.',
    },
    threshold: thresholdSetting(1),
  },
};

interface JsonSchemaConfig {
  schema?: Record<string, unknown>;
  threshold: number;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new UserError('invalid-config', `${ID}: the schema must be a JSON Schema object`);
  }
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  try {
    const validate = ajv.compile(schema);
    validators.set(key, validate);
    return validate;
  } catch (error) {
    throw new UserError(
      'invalid-config',
      `${ID}: the schema is not a valid JSON Schema: ${(error as Error).message}`,
    );
  }
}

function parseOutput(output: unknown): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (typeof output !== 'string') return { ok: true, value: output };
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(output);
  const text = fenced ? fenced[1]! : output;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `output is not JSON (${(error as Error).message}): "${preview(text)}"` };
  }
}

/** The JSON Schema judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'JSON Schema',
    description:
      'Passes when the output is JSON that satisfies a JSON Schema; lists each field that does not.',
    icon: 'braces',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<JsonSchemaConfig>(ID, config, rawConfig);
    const validate = validatorFor(cfg.schema ?? expectedOf(ID, input, undefined, 'schema'));
    const parsed = parseOutput(input.output);
    if (!parsed.ok) return verdict(0, cfg.threshold, parsed.problem);
    if (validate(parsed.value))
      return verdict(1, cfg.threshold, 'output is valid JSON and satisfies the schema');
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`,
    );
    return verdict(
      0,
      cfg.threshold,
      `output does not satisfy the schema: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`,
    );
  },
});
