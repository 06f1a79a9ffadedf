/** Checks a run's input against the workflow's declared inputs and fills in defaults. */
import { UserError } from '../workflow/errors.ts';
import type { FieldSpec, Workflow } from '../workflow/types.ts';
import { isRecord, typeName } from './expression/values.ts';

function matchesType(value: unknown, type: FieldSpec['type']): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    default:
      return true;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/**
 * The inputs a run sees: the given object with defaults applied. Throws `invalid-input` listing
 * every missing required field and every wrong type, so the caller can fix them all at once.
 */
export function applyInputs(workflow: Workflow, input: unknown): Record<string, unknown> {
  const given = input ?? {};
  if (!isRecord(given)) {
    throw new UserError(
      'invalid-input',
      `workflow '${workflow.id}' takes an object of named inputs, got ${typeName(given)}`,
    );
  }
  const specs = workflow.inputs;
  if (!specs) return given;
  const inputs: Record<string, unknown> = { ...given };
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const value = inputs[name];
    if (value === undefined || value === null) {
      if (spec.default !== undefined) inputs[name] = spec.default;
      else if (spec.required) problems.push(`missing required input '${name}'`);
      continue;
    }
    if (!matchesType(value, spec.type))
      problems.push(`input '${name}' must be ${TYPE_WORDS[spec.type!]}, got ${typeName(value)}`);
    else if (spec.enum && !spec.enum.includes(value))
      problems.push(`input '${name}' must be one of ${spec.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (problems.length > 0) {
    throw new UserError('invalid-input', `workflow '${workflow.id}': ${problems.join('; ')}`, {
      workflowId: workflow.id,
      problems,
    });
  }
  return inputs;
}
