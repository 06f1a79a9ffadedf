/** Compiles route schemas with ajv and turns its errors into messages a person can act on. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { UserError } from '../../workflow/errors.ts';

/** One ajv instance for the API. */
export function createAjv(options: { coerceTypes?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: options.coerceTypes ?? false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}

/** `body/name must be string`-style lines. */
export function describeErrors(
  where: string,
  errors: ErrorObject[] | null | undefined,
): { path: string; message: string }[] {
  return (errors ?? []).map((e) => {
    const path = `${where}${e.instancePath}`;
    if (e.keyword === 'additionalProperties')
      return { path, message: `unknown field '${String(e.params.additionalProperty)}'` };
    if (e.keyword === 'required')
      return { path, message: `missing required field '${String(e.params.missingProperty)}'` };
    return { path, message: e.message ?? 'is not valid' };
  });
}

/** Validates `value` or throws a 400 listing every problem. */
export function check(validate: ValidateFunction, where: string, value: unknown): void {
  if (validate(value)) return;
  const problems = describeErrors(where, validate.errors);
  const summary = problems
    .slice(0, 3)
    .map((p) => `${p.path}: ${p.message}`)
    .join('; ');
  throw new UserError('invalid-request', `the request ${where} is not valid: ${summary}`, { problems }, 400);
}
