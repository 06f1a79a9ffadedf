/** API keys: created with scopes, shown once, listed without the key, revoked. */
import { ForbiddenError, NotFoundError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, nullableTimestamp, ok, strictObject, timestamp, uuid } from '../http/schemas.ts';
import { newApiKey } from './api-key-token.ts';
import { ACTIONS, type Action, can } from './permissions.ts';

const apiKey = strictObject({
  id: uuid,
  name: { type: 'string' },
  prefix: { type: 'string' },
  scopes: arrayOf({ type: 'string' }),
  createdAt: timestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
});

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const toKey = (r: KeyRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});
const columns = ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Routes under /api/api-keys. */
export const apiKeyRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/api-keys',
    tag: 'api keys',
    permission: 'keys:manage',
    summary: 'List API keys (never the keys themselves)',
    responses: { 200: ok('keys', strictObject({ apiKeys: arrayOf(apiKey) })), ...errors(401, 403) },
    async handler({ tx }) {
      const rows = await tx((trx) =>
        trx.selectFrom('api_keys').select(columns).orderBy('created_at').execute(),
      );
      return { body: { apiKeys: rows.map(toKey) } };
    },
  }),

  defineRoute<{ name: string; scopes: Action[] }>({
    method: 'post',
    path: '/api/api-keys',
    tag: 'api keys',
    permission: 'keys:manage',
    summary: 'Create an API key; the key is shown only in this answer',
    body: strictObject({
      name: { type: 'string', minLength: 1, maxLength: 100 },
      scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ACTIONS] } },
    }),
    responses: {
      201: ok('the key', strictObject({ apiKey, key: { type: 'string', pattern: '^fs_' } })),
      ...errors(400, 401, 403),
    },
    async handler({ body, auth, ctx, tx }) {
      const beyond = body.scopes.filter((s) => !can(auth.role, s));
      if (beyond.length > 0)
        throw new ForbiddenError(
          `role '${auth.role}' cannot grant scopes it does not have: ${beyond.join(', ')}`,
        );
      const { token, hash, prefix } = newApiKey();
      const row = await tx(async (trx) => {
        const r = await trx
          .insertInto('api_keys')
          .values({
            tenant_id: auth.tenantId,
            name: body.name,
            prefix,
            key_hash: hash,
            scopes: body.scopes,
            created_by: auth.userId,
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          auth,
          'api_key.created',
          r.id,
          { name: body.name, scopes: body.scopes },
          ctx.ip,
        );
        return r;
      });
      return { status: 201, body: { apiKey: toKey(row), key: token } };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/api-keys/:id',
    tag: 'api keys',
    permission: 'keys:manage',
    summary: 'Revoke an API key',
    params: { id: uuid },
    responses: { 200: ok('the revoked key', apiKey), ...errors(400, 401, 403, 404) },
    async handler({ params, auth, ctx, tx }) {
      const row = await tx(async (trx) => {
        const r = await trx
          .updateTable('api_keys')
          .set({ revoked_at: new Date() })
          .where('id', '=', params.id!)
          .where('revoked_at', 'is', null)
          .returning(columns)
          .executeTakeFirst();
        if (!r) throw new NotFoundError('API key', params.id!);
        await recordAudit(trx, auth, 'api_key.revoked', r.id, { name: r.name }, ctx.ip);
        return r;
      });
      return { body: toKey(row) };
    },
  }),
];
