/** The tenant's model routers: what each learned, and feedback from outside (a thumbs-up in chat). */
import { NotFoundError, UserError } from '../../workflow/errors.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, strictObject, uuid } from '../http/schemas.ts';
import { ROUTER_KEY_PATTERN } from './llm-route.ts';
import { learnOutcomes, readRouter } from './router-state-store.ts';
import { routerViewSchema, routerViews } from './router-view.ts';
import { findStrategyPlugin } from './strategy-plugins.ts';

type FeedbackBody = {
  arm: string;
  success: boolean;
  score?: number;
  costUsd?: number;
  latencyMs?: number;
  runId?: string;
  features?: { length?: number; intent?: string; language?: string };
};

/** Routes under /api/routers. */
export const routerRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/routers',
    tag: 'routers',
    permission: 'runs:read',
    summary: "The workspace's model routers: per-model statistics, the last choice and why, the next choice",
    responses: {
      200: ok('routers', strictObject({ routers: arrayOf(routerViewSchema) })),
      ...errors(401, 403),
    },
    async handler({ auth, db, services }) {
      const plugins = await services.plugins.strategyPlugins(auth.tenantId);
      return { body: { routers: await routerViews(db, auth.tenantId, plugins) } };
    },
  }),

  defineRoute<FeedbackBody>({
    method: 'post',
    path: '/api/routers/:key/outcomes',
    tag: 'routers',
    permission: 'runs:start',
    summary: 'Tell a router how an answer went (e.g. a thumbs-up in chat); it learns from it at once',
    params: { key: { type: 'string', pattern: ROUTER_KEY_PATTERN } },
    body: strictObject(
      {
        arm: { type: 'string', minLength: 1, maxLength: 64 },
        success: { type: 'boolean' },
        score: { type: 'number', minimum: 0, maximum: 1 },
        costUsd: { type: 'number', minimum: 0 },
        latencyMs: { type: 'number', minimum: 0 },
        runId: uuid,
        features: strictObject(
          {
            length: { type: 'number', minimum: 0 },
            intent: { type: 'string', maxLength: 200 },
            language: { type: 'string', maxLength: 50 },
          },
          ['length', 'intent', 'language'],
        ),
      },
      ['score', 'costUsd', 'latencyMs', 'runId', 'features'],
    ),
    responses: { 200: ok('the router after learning', routerViewSchema), ...errors(400, 401, 403, 404) },
    async handler({ params, body, auth, db, services }) {
      const key = params.key!;
      const stored = await readRouter(db, auth.tenantId, key);
      if (!stored) throw new NotFoundError('router', key);
      if (!stored.arms.some((a) => a.id === body.arm))
        throw new UserError(
          'unknown-arm',
          `router '${key}' has no model '${body.arm}' (it routes between ${stored.arms.map((a) => a.id).join(', ')})`,
        );
      const plugins = await services.plugins.strategyPlugins(auth.tenantId);
      const router = findStrategyPlugin(plugins, stored.strategy, 'router', `router '${key}'`);
      const { runId, ...outcome } = body;
      await learnOutcomes(db, auth.tenantId, {
        key,
        router,
        outcomes: [{ ...outcome, source: 'feedback', ...(runId ? { runId } : {}) }],
      });
      const [view] = await routerViews(db, auth.tenantId, plugins, [key]);
      return { body: view };
    },
  }),
];
