/** Reading the audit log. */
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, strictObject, timestamp } from '../http/schemas.ts';

const entry = strictObject({
  id: { type: 'string' },
  action: { type: 'string' },
  target: { type: ['string', 'null'] },
  actorUserId: { type: ['string', 'null'] },
  actorApiKeyId: { type: ['string', 'null'] },
  details: { type: 'object' },
  ip: { type: ['string', 'null'] },
  at: timestamp,
});

/** Routes under /api/audit-log. */
export const auditRoutes: RouteDef[] = [
  defineRoute<unknown, { limit?: number; action?: string }>({
    method: 'get',
    path: '/api/audit-log',
    tag: 'audit',
    permission: 'audit:read',
    summary: 'Latest audit entries, newest first',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        limit: { type: 'integer', minimum: 1, maximum: 500 },
        action: { type: 'string', maxLength: 64 },
      },
    },
    responses: { 200: ok('entries', strictObject({ entries: arrayOf(entry) })), ...errors(400, 401, 403) },
    async handler({ query, tx }) {
      const rows = await tx((trx) => {
        let q = trx
          .selectFrom('audit_log')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(query.limit ?? 100);
        if (query.action) q = q.where('action', '=', query.action);
        return q.execute();
      });
      return {
        body: {
          entries: rows.map((r) => ({
            id: r.id,
            action: r.action,
            target: r.target,
            actorUserId: r.actor_user_id,
            actorApiKeyId: r.actor_api_key_id,
            details: r.details,
            ip: r.ip,
            at: r.at,
          })),
        },
      };
    },
  }),
];
