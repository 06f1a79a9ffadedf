/** Liveness and readiness probes. */
import { sql } from 'kysely';
import { pendingMigrations } from '../db/migrate.ts';
import { UserError } from '../workflow/errors.ts';
import { defineRoute, type RouteDef } from './http/define-route.ts';
import { errors, ok, strictObject } from './http/schemas.ts';

/** GET /healthz and GET /readyz. */
export const healthRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    tag: 'health',
    permission: 'public',
    summary: 'The process is up',
    responses: { 200: ok('up', strictObject({ status: { const: 'ok' } })) },
    async handler() {
      return { body: { status: 'ok' } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    tag: 'health',
    permission: 'public',
    summary: 'The database is reachable and every migration is applied',
    responses: {
      200: ok('ready', strictObject({ status: { const: 'ready' } })),
      503: { description: 'not ready', schema: errors(503)[503]!.schema },
    },
    async handler({ db }) {
      try {
        await sql`SELECT 1`.execute(db);
      } catch (error) {
        throw new UserError('not-ready', `database unreachable: ${(error as Error).message}`, {}, 503);
      }
      const pending = await pendingMigrations(db);
      if (pending.length > 0)
        throw new UserError('not-ready', `migrations not applied: ${pending.join(', ')}`, { pending }, 503);
      return { body: { status: 'ready' } };
    },
  }),
];
