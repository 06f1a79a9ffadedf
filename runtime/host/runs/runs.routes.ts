/** Starting, watching, listing and cancelling runs. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TraceEvent } from '../../engine/types.ts';
import { NotFoundError } from '../../workflow/errors.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, strictObject, uuid, workflowId } from '../http/schemas.ts';
import type { VersionChoice } from './run-service.ts';
import { runDetailSchema, runSummarySchema, toRunDetail, toRunSummary } from './run-view.ts';

/** A run's stored trace events, in order. */
export async function runEvents(trx: Transaction<Database>, runId: string): Promise<TraceEvent[]> {
  const rows = await trx
    .selectFrom('run_events')
    .select('event')
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.event as unknown as TraceEvent);
}

/** A run with its full trace, or 404 (also for another tenant's run). */
export async function loadRun(trx: Transaction<Database>, runId: string) {
  const row = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!row) throw new NotFoundError('run', runId);
  return toRunDetail(row, await runEvents(trx, runId));
}

type StartBody = {
  workflowId: string;
  version?: VersionChoice;
  input?: Record<string, unknown>;
  yaml?: string;
  wait?: boolean;
};
type ListQuery = { workflowId?: string; status?: string; from?: string; to?: string; limit?: number };

/** Routes under /api/runs. */
export const runRoutes: RouteDef[] = [
  defineRoute<StartBody>({
    method: 'post',
    path: '/api/runs',
    tag: 'runs',
    permission: 'runs:start',
    summary:
      'Start a run of a workflow version (a number, `draft` = latest saved, or `published`); `wait` answers when it ends',
    body: strictObject(
      {
        workflowId,
        version: {
          oneOf: [{ type: 'integer', minimum: 1, maximum: 2147483647 }, { enum: ['draft', 'published'] }],
        },
        input: { type: 'object' },
        yaml: { type: 'string', minLength: 1, maxLength: 1024 * 1024 },
        wait: { type: 'boolean' },
      },
      ['version', 'input', 'yaml', 'wait'],
    ),
    responses: {
      200: ok('the finished run', runDetailSchema),
      202: ok('started', strictObject({ runId: uuid, status: { const: 'running' } })),
      ...errors(400, 401, 403, 404, 409, 422),
    },
    async handler({ body, auth, services, tx }) {
      const { runId, done } = await services.runs.start({
        tenantId: auth.tenantId,
        userId: auth.userId,
        workflowId: body.workflowId,
        version: body.version,
        input: body.input,
        yaml: body.yaml,
      });
      if (!body.wait) return { status: 202, body: { runId, status: 'running' } };
      await done;
      return { body: await tx((trx) => loadRun(trx, runId)) };
    },
  }),

  defineRoute<unknown, ListQuery>({
    method: 'get',
    path: '/api/runs',
    tag: 'runs',
    permission: 'runs:read',
    summary: 'Runs, newest first, filtered by workflow, status and start time',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        workflowId,
        status: { enum: ['running', 'completed', 'failed', 'cancelled'] },
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        limit: { type: 'integer', minimum: 1, maximum: 500 },
      },
    },
    responses: {
      200: ok('runs', strictObject({ runs: arrayOf(runSummarySchema) })),
      ...errors(400, 401, 403),
    },
    async handler({ query, tx }) {
      const rows = await tx((trx) => {
        let q = trx
          .selectFrom('runs')
          .selectAll()
          .orderBy('started_at', 'desc')
          .limit(query.limit ?? 100);
        if (query.workflowId) q = q.where('workflow_id', '=', query.workflowId);
        if (query.status) q = q.where('status', '=', query.status as 'running');
        if (query.from) q = q.where('started_at', '>=', new Date(query.from));
        if (query.to) q = q.where('started_at', '<', new Date(query.to));
        return q.execute();
      });
      return { body: { runs: rows.map(toRunSummary) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/runs/:id',
    tag: 'runs',
    permission: 'runs:read',
    summary: 'A run with input, output, per-node records and its whole trace',
    params: { id: uuid },
    responses: { 200: ok('the run', runDetailSchema), ...errors(400, 401, 403, 404) },
    async handler({ params, tx }) {
      return { body: await tx((trx) => loadRun(trx, params.id!)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/runs/:id/cancel',
    tag: 'runs',
    permission: 'runs:cancel',
    summary: 'Cancel a running run; answers once it has stopped',
    params: { id: uuid },
    responses: { 200: ok('the cancelled run', runDetailSchema), ...errors(400, 401, 403, 404, 409) },
    async handler({ params, auth, services, tx }) {
      await services.runs.cancel(auth.tenantId, params.id!);
      return { body: await tx((trx) => loadRun(trx, params.id!)) };
    },
  }),
];
