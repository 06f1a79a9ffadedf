/**
 * Turns route definitions into Koa routes: sign-in and permission check, CSRF check for cookie
 * callers, input validation, the tenant transaction, and (in tests) response validation.
 */
import { Router } from '@koa/router';
import type { ValidateFunction } from 'ajv';
import type { Context } from 'koa';
import { withTenant } from '../../db/with-tenant.ts';
import { FlowError, ForbiddenError, UnauthorizedError } from '../../workflow/errors.ts';
import { type AuthContext, authorize } from '../auth/auth-context.ts';
import type { HostServices } from '../host-services.ts';
import type { RouteDef, Schema } from './define-route.ts';
import { check, createAjv, describeErrors } from './validate-input.ts';

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** Builds the params schema of a route from its per-parameter schemas. */
export function paramsSchema(route: RouteDef): Schema | undefined {
  if (!route.params) return undefined;
  return { type: 'object', required: Object.keys(route.params), properties: route.params };
}

/** Throws 403 when a cookie-authenticated unsafe request lacks the session's CSRF token. */
function checkCsrf(ctx: Context, route: RouteDef): void {
  const auth = ctx.state.auth as (AuthContext & { csrfToken?: string }) | undefined;
  if (auth?.via !== 'session' || !UNSAFE.has(route.method)) return;
  if (ctx.get('x-csrf-token') !== auth.csrfToken) {
    throw new ForbiddenError('missing or wrong x-csrf-token header (send the value of the flow_csrf cookie)');
  }
}

/** Registers `routes` on a new router. */
export function mountRoutes(services: HostServices, routes: RouteDef[]): Router {
  const router = new Router();
  const ajv = createAjv();
  // Path and query values arrive as text: `?limit=5` must pass `type: integer`.
  const ajvCoercing = createAjv({ coerceTypes: true });
  for (const route of routes) {
    const params = paramsSchema(route);
    const validateParams = params
      ? ajvCoercing.compile({ ...params, additionalProperties: true })
      : undefined;
    const validateQuery = route.query ? ajvCoercing.compile(route.query) : undefined;
    const validateBody = route.body ? ajv.compile(route.body) : undefined;
    const validateResponse = new Map<number, ValidateFunction>();
    if (services.config.validateResponses) {
      for (const [status, spec] of Object.entries(route.responses))
        if (spec.schema) validateResponse.set(Number(status), ajv.compile(spec.schema));
    }
    router[route.method](route.path, async function routeHandler(ctx: Context) {
      const auth = ctx.state.auth as AuthContext | undefined;
      if (route.permission !== 'public') {
        if (!auth) throw new UnauthorizedError(ctx.state.authFailure ?? 'sign in required');
        checkCsrf(ctx, route);
        if (route.permission !== 'signed-in') authorize(auth, route.permission);
      }
      const routeParams = { ...(ctx.params as Record<string, string>) };
      if (validateParams) check(validateParams, 'path', routeParams);
      const query: Record<string, unknown> = { ...ctx.query };
      if (validateQuery) check(validateQuery, 'query', query);
      const body = (ctx.request as { body?: unknown }).body;
      if (validateBody) check(validateBody, 'body', body ?? {});
      const result = await route.handler({
        params: routeParams,
        query,
        body: body ?? {},
        ctx,
        services,
        db: services.db,
        auth: auth as AuthContext,
        tx: (fn) => {
          if (!auth) throw new FlowError('no-tenant', 'this route runs without a tenant');
          return withTenant(services.db, auth.tenantId, fn);
        },
      });
      ctx.status = result.status ?? 200;
      if (result.body !== undefined) ctx.body = result.body;
      const validate = validateResponse.get(ctx.status);
      if (services.config.validateResponses && !validate && ctx.status !== 204) {
        throw new Error(
          `${route.method.toUpperCase()} ${route.path} answered ${ctx.status}, which its definition does not declare`,
        );
      }
      // JSON round trip: Date objects are checked the way a client sees them.
      if (validate && !validate(JSON.parse(JSON.stringify(result.body ?? null)))) {
        const problems = describeErrors('response', validate.errors)
          .map((p) => `${p.path}: ${p.message}`)
          .join('; ');
        throw new Error(
          `${route.method.toUpperCase()} ${route.path} ${ctx.status} does not match its schema: ${problems}`,
        );
      }
    });
  }
  return router;
}
