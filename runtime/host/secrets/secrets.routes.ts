/** Tenant secrets: set, list (names and masked values only), delete, re-encrypt under the current key. */
import { NotFoundError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, strictObject, timestamp } from '../http/schemas.ts';
import { mask } from './secret-box.ts';
import { openSecretRow, sealSecretRow } from './secret-row.ts';

const secretName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' };
const secret = strictObject({
  name: { type: 'string' },
  masked: { type: 'string' },
  keyId: { type: 'string' },
  updatedAt: timestamp,
});

/** Routes under /api/secrets. */
export const secretRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/secrets',
    tag: 'secrets',
    permission: 'secrets:read',
    summary: 'List secrets: names and masked values',
    responses: { 200: ok('secrets', strictObject({ secrets: arrayOf(secret) })), ...errors(401, 403) },
    async handler({ auth, services, tx }) {
      const rows = await tx((trx) => trx.selectFrom('secrets').selectAll().orderBy('name').execute());
      const secrets = rows.map((r) => {
        let masked = '••••';
        try {
          masked = mask(openSecretRow(services.config.keyring, auth.tenantId, r));
        } catch {
          masked = '(cannot decrypt: key missing)';
        }
        return { name: r.name, masked, keyId: r.key_id, updatedAt: r.updated_at };
      });
      return { body: { secrets } };
    },
  }),

  defineRoute<{ value: string }>({
    method: 'put',
    path: '/api/secrets/:name',
    tag: 'secrets',
    permission: 'secrets:write',
    summary: 'Create or replace a secret',
    params: { name: secretName },
    body: strictObject({ value: { type: 'string', minLength: 1, maxLength: 16384 } }),
    responses: { 200: ok('the secret, masked', secret), ...errors(400, 401, 403) },
    async handler({ params, body, auth, ctx, services, tx }) {
      const name = params.name!;
      const values = sealSecretRow(services.config.keyring, auth.tenantId, name, body.value);
      const row = await tx(async (trx) => {
        const r = await trx
          .insertInto('secrets')
          .values({ tenant_id: auth.tenantId, name, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet(values))
          .returning(['name', 'key_id', 'updated_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, auth, 'secret.set', name, {}, ctx.ip);
        return r;
      });
      return {
        body: { name: row.name, masked: mask(body.value), keyId: row.key_id, updatedAt: row.updated_at },
      };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/secrets/:name',
    tag: 'secrets',
    permission: 'secrets:write',
    summary: 'Delete a secret',
    params: { name: secretName },
    responses: { 204: { description: 'deleted' }, ...errors(400, 401, 403, 404) },
    async handler({ params, auth, ctx, tx }) {
      await tx(async (trx) => {
        const r = await trx.deleteFrom('secrets').where('name', '=', params.name!).executeTakeFirst();
        if (r.numDeletedRows === 0n) throw new NotFoundError('secret', params.name!);
        await recordAudit(trx, auth, 'secret.deleted', params.name!, {}, ctx.ip);
      });
      return { status: 204 };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/secrets/rotate',
    tag: 'secrets',
    permission: 'secrets:write',
    summary: 'Re-encrypt every secret under the current key',
    responses: {
      200: ok(
        'how many were re-encrypted',
        strictObject({ rotated: { type: 'integer' }, keyId: { type: 'string' } }),
      ),
      ...errors(401, 403),
    },
    async handler({ auth, ctx, services, tx }) {
      const { keyring } = services.config;
      const rotated = await tx(async (trx) => {
        const rows = await trx
          .selectFrom('secrets')
          .selectAll()
          .where('key_id', '!=', keyring.current)
          .forUpdate()
          .execute();
        for (const r of rows) {
          const value = openSecretRow(keyring, auth.tenantId, r);
          await trx
            .updateTable('secrets')
            .set(sealSecretRow(keyring, auth.tenantId, r.name, value))
            .where('name', '=', r.name)
            .execute();
        }
        await recordAudit(
          trx,
          auth,
          'secret.rotated',
          null,
          { count: rows.length, keyId: keyring.current },
          ctx.ip,
        );
        return rows.length;
      });
      return { body: { rotated, keyId: keyring.current } };
    },
  }),
];
