/**
 * Checks the routing part of an LLM request (`route`): it comes from a node's config, so it is
 * validated here, at the trust boundary, before any arm is called or any state is touched.
 */
import type { LlmRoute } from '../../../registry/sdk/plugin.ts';
import { UserError } from '../../workflow/errors.ts';
import { createAjv, describeErrors } from '../http/validate-input.ts';

/** A router key: a workflow node (`workflow:node`) or a name a builder chose. */
export const ROUTER_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$';

/** The strategy used when a route names none. */
export const DEFAULT_ROUTER = 'router/thompson@^1';

const usesString = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9._-]*(@.+)?$' };
const armId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' };

/** The JSON Schema of `LlmRequest.route`. */
export const llmRouteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['arms'],
  properties: {
    router: usesString,
    config: { type: 'object' },
    key: { type: 'string', pattern: ROUTER_KEY_PATTERN },
    arms: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'model'],
        properties: {
          id: armId,
          model: { type: 'string', minLength: 1, maxLength: 200 },
          provider: usesString,
          baseUrl: { type: 'string', pattern: '^https?://[^/\\s@]+(/\\S*)?$' },
          apiKeySecret: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
          costPer1kTokens: { type: 'number', minimum: 0 },
          quality: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
    },
    judge: {
      type: 'object',
      additionalProperties: false,
      required: ['uses'],
      properties: { uses: usesString, config: { type: 'object' }, expected: {}, arm: armId },
    },
    features: {
      type: 'object',
      additionalProperties: false,
      properties: {
        length: { type: 'number', minimum: 0 },
        intent: { type: 'string', maxLength: 200 },
        language: { type: 'string', maxLength: 50 },
        tenant: { type: 'string', maxLength: 200 },
      },
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
  },
};

const validate = createAjv().compile(llmRouteSchema);

/** The route, checked: a 400 naming every problem, duplicate arm ids, or a judge arm that is not listed. */
export function checkLlmRoute(route: unknown, where: string): LlmRoute {
  if (route === undefined || route === null)
    throw new UserError(
      'llm-no-arms',
      `${where}: no models to route between; list them under 'arms' (id, model, baseUrl, apiKeySecret)`,
    );
  if (!validate(route)) {
    const problems = describeErrors('route', validate.errors);
    throw new UserError(
      'invalid-llm-route',
      `${where}: ${problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}`,
      { problems },
    );
  }
  const checked = route as unknown as LlmRoute;
  const ids = checked.arms.map((a) => a.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UserError('invalid-llm-route', `${where}: arm id '${twice}' is listed twice`);
  if (checked.judge?.arm && !ids.includes(checked.judge.arm))
    throw new UserError(
      'invalid-llm-route',
      `${where}: judge.arm '${checked.judge.arm}' is not one of the arms (${ids.join(', ')})`,
    );
  return checked;
}
