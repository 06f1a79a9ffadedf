/** Sign-up, sign-in, sign-out (here and everywhere) and "who am I". */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withLookup, withTenant } from '../../db/with-tenant.ts';
import { UnauthorizedError, UserError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { email, errors, ok, role, strictObject, uuid } from '../http/schemas.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearSessionCookies, startSession } from './start-session.ts';

const password = { type: 'string', minLength: 8, maxLength: 200 };
const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' };
const slug = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' };

/** The signed-in caller as the studio sees it. */
export const sessionSchema = strictObject({
  user: strictObject({ id: uuid, email: { type: 'string' }, name: { type: 'string' } }),
  tenant: strictObject({ id: uuid, slug: { type: 'string' }, name: { type: 'string' } }),
  role,
  via: { enum: ['session', 'api-key'] },
  csrfToken: { type: ['string', 'null'] },
});

/** Reads the user, tenant and role for a session answer, in the tenant's transaction. */
export async function describeSession(
  trx: Transaction<Database>,
  userId: string,
  via: 'session' | 'api-key',
  csrfToken: string | null,
) {
  const row = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('tenants as t', 't.id', 'm.tenant_id')
    .select([
      'u.id as userId',
      'u.email',
      'u.name as userName',
      't.id as tenantId',
      't.slug',
      't.name as tenantName',
      'm.role',
    ])
    .where('m.user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    user: { id: row.userId, email: row.email, name: row.userName },
    tenant: { id: row.tenantId, slug: row.slug, name: row.tenantName },
    role: row.role,
    via,
    csrfToken,
  };
}

/** A slug from a name, made unique with a short random suffix. */
function slugFrom(text: string): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'team';
  return `${base.length < 2 ? `${base}-team` : base}-${randomBytes(3).toString('hex')}`;
}

/** Routes under /api/auth. */
export const authRoutes: RouteDef[] = [
  defineRoute<{ email: string; password: string; name: string; tenantName: string; tenantSlug?: string }>({
    method: 'post',
    path: '/api/auth/signup',
    tag: 'auth',
    permission: 'public',
    summary: 'Create an account and a new tenant owned by it; signs in',
    body: strictObject({ email, password, name, tenantName: name, tenantSlug: slug }, ['tenantSlug']),
    responses: { 201: ok('signed in', sessionSchema), ...errors(400, 409) },
    async handler({ body, ctx, services }) {
      const mail = body.email.trim().toLowerCase();
      const existing = await services.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', mail)
        .executeTakeFirst();
      if (existing)
        throw new UserError(
          'email-taken',
          'an account with this email already exists; sign in instead',
          { email: mail },
          409,
        );
      const passwordHash = await hashPassword(body.password);
      const user = await services.db
        .insertInto('users')
        .values({ email: mail, name: body.name.trim(), password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      const tenantId = randomUUID();
      const tenantSlug = body.tenantSlug ?? slugFrom(body.tenantName);
      const session = await withTenant(services.db, tenantId, async (trx) => {
        const taken = await trx
          .insertInto('tenants')
          .values({ id: tenantId, slug: tenantSlug, name: body.tenantName.trim() })
          .onConflict((oc) => oc.column('slug').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!taken)
          throw new UserError(
            'slug-taken',
            `the tenant address '${tenantSlug}' is taken; choose another`,
            { tenantSlug },
            409,
          );
        await trx
          .insertInto('memberships')
          .values({ tenant_id: tenantId, user_id: user.id, role: 'owner' })
          .execute();
        await recordAudit(trx, { tenantId, userId: user.id }, 'auth.signup', mail, {}, ctx.ip);
        const csrf = await startSession(ctx, services.config, trx, tenantId, user.id);
        return describeSession(trx, user.id, 'session', csrf);
      }).catch(async (error: unknown) => {
        await services.db.deleteFrom('users').where('id', '=', user.id).execute();
        throw error;
      });
      return { status: 201, body: session };
    },
  }),

  defineRoute<{ email: string; password: string; tenant?: string }>({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    permission: 'public',
    summary: 'Sign in with email and password (into `tenant` by slug, else the first one)',
    body: strictObject(
      {
        email: { type: 'string', maxLength: 254 },
        password: { type: 'string', maxLength: 200 },
        tenant: slug,
      },
      ['tenant'],
    ),
    responses: { 200: ok('signed in', sessionSchema), ...errors(400, 401, 429) },
    async handler({ body, ctx, services }) {
      const mail = body.email.trim().toLowerCase();
      services.loginLimit.check(ctx.ip, mail);
      const user = await services.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('email', '=', mail)
        .executeTakeFirst();
      const valid = await verifyPassword(user?.password_hash, body.password);
      if (!user || !valid) {
        services.loginLimit.fail(ctx.ip, mail);
        throw new UnauthorizedError('wrong email or password');
      }
      const memberships = await withLookup(services.db, { 'app.user_id': user.id }, (trx) =>
        trx
          .selectFrom('memberships as m')
          .innerJoin('tenants as t', 't.id', 'm.tenant_id')
          .select(['t.id', 't.slug'])
          .where('m.user_id', '=', user.id)
          .orderBy('m.created_at')
          .execute(),
      );
      const tenant = body.tenant ? memberships.find((m) => m.slug === body.tenant) : memberships[0];
      if (!tenant) {
        services.loginLimit.fail(ctx.ip, mail);
        throw new UnauthorizedError(
          body.tenant ? `you are not a member of '${body.tenant}'` : 'you are not a member of any tenant',
        );
      }
      services.loginLimit.succeed(ctx.ip, mail);
      const session = await withTenant(services.db, tenant.id, async (trx) => {
        await recordAudit(trx, { tenantId: tenant.id, userId: user.id }, 'auth.login', mail, {}, ctx.ip);
        const csrf = await startSession(ctx, services.config, trx, tenant.id, user.id);
        return describeSession(trx, user.id, 'session', csrf);
      });
      return { body: session };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    permission: 'signed-in',
    summary: 'The signed-in caller, their tenant and role, and the CSRF token',
    responses: { 200: ok('the caller', sessionSchema), ...errors(401) },
    async handler({ auth, tx }) {
      const userId = auth.userId;
      if (!userId) throw new UnauthorizedError('this credential has no user');
      const csrf = (auth as { csrfToken?: string }).csrfToken ?? null;
      return { body: await tx((trx) => describeSession(trx, userId, auth.via, csrf)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    permission: 'signed-in',
    summary: 'Sign out this browser',
    responses: { 204: { description: 'signed out' }, ...errors(401, 403) },
    async handler({ auth, ctx, services, tx }) {
      if (auth.sessionId) {
        await tx(async (trx) => {
          await trx
            .updateTable('sessions')
            .set({ revoked_at: new Date() })
            .where('id', '=', auth.sessionId!)
            .execute();
          await recordAudit(trx, auth, 'auth.logout', auth.userId, {}, ctx.ip);
        });
      }
      clearSessionCookies(ctx, services.config);
      return { status: 204 };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/logout-everywhere',
    tag: 'auth',
    permission: 'signed-in',
    summary: 'End every session of the caller, in every tenant',
    responses: {
      200: ok('sessions ended', strictObject({ ended: { type: 'integer' } })),
      ...errors(401, 403),
    },
    async handler({ auth, ctx, services, tx }) {
      if (!auth.userId) throw new UnauthorizedError('this credential has no user');
      const userId = auth.userId;
      const result = await withLookup(services.db, { 'app.user_id': userId }, (trx) =>
        trx
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst(),
      );
      await tx((trx) =>
        recordAudit(
          trx,
          auth,
          'auth.logout_everywhere',
          userId,
          { ended: Number(result.numUpdatedRows) },
          ctx.ip,
        ),
      );
      clearSessionCookies(ctx, services.config);
      return { body: { ended: Number(result.numUpdatedRows) } };
    },
  }),
];
