/** Invitations: an admin invites an email with a role; the token (shown once) lets that person join. */
import { withLookup, withTenant } from '../../db/with-tenant.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, UserError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashToken, randomToken } from '../auth/api-key-token.ts';
import { describeSession, sessionSchema } from '../auth/auth.routes.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { canAssignRole } from '../auth/permissions.ts';
import { startSession } from '../auth/start-session.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, email, errors, ok, strictObject, timestamp, uuid } from '../http/schemas.ts';

const inviteRole = { type: 'string', enum: ['admin', 'builder', 'viewer'] };
const invitation = strictObject({
  id: uuid,
  email: { type: 'string' },
  role: inviteRole,
  createdAt: timestamp,
  expiresAt: timestamp,
});
const columns = ['id', 'email', 'role', 'created_at', 'expires_at'] as const;
const toInvitation = (r: {
  id: string;
  email: string;
  role: string;
  created_at: Date;
  expires_at: Date | string;
}) => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/** Routes under /api/invitations. */
export const invitationRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/invitations',
    tag: 'members',
    permission: 'members:manage',
    summary: 'List pending invitations',
    responses: {
      200: ok('pending invitations', strictObject({ invitations: arrayOf(invitation) })),
      ...errors(401, 403),
    },
    async handler({ tx }) {
      const rows = await tx((trx) =>
        trx
          .selectFrom('invitations')
          .select(columns)
          .where('accepted_at', 'is', null)
          .where('expires_at', '>', new Date())
          .orderBy('created_at')
          .execute(),
      );
      return { body: { invitations: rows.map(toInvitation) } };
    },
  }),

  defineRoute<{ email: string; role: 'admin' | 'builder' | 'viewer' }>({
    method: 'post',
    path: '/api/invitations',
    tag: 'members',
    permission: 'members:manage',
    summary: 'Invite someone by email; the token is shown once',
    body: strictObject({ email, role: inviteRole }),
    responses: {
      201: ok('the invitation and its token', strictObject({ invitation, token: { type: 'string' } })),
      ...errors(400, 401, 403),
    },
    async handler({ body, auth, ctx, services, tx }) {
      if (!canAssignRole(auth.role, body.role))
        throw new ForbiddenError(`role '${auth.role}' may not invite a ${body.role}`);
      const token = randomToken();
      const row = await tx(async (trx) => {
        const r = await trx
          .insertInto('invitations')
          .values({
            tenant_id: auth.tenantId,
            email: body.email.trim().toLowerCase(),
            role: body.role,
            token_hash: hashToken(token),
            invited_by: auth.userId,
            expires_at: new Date(Date.now() + services.config.invitationTtlMs),
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        await recordAudit(trx, auth, 'member.invited', r.email, { role: r.role }, ctx.ip);
        return r;
      });
      return { status: 201, body: { invitation: toInvitation(row), token } };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/invitations/:id',
    tag: 'members',
    permission: 'members:manage',
    summary: 'Revoke a pending invitation',
    params: { id: uuid },
    responses: { 204: { description: 'revoked' }, ...errors(400, 401, 403, 404) },
    async handler({ params, auth, ctx, tx }) {
      await tx(async (trx) => {
        const r = await trx
          .deleteFrom('invitations')
          .where('id', '=', params.id!)
          .where('accepted_at', 'is', null)
          .returning('email')
          .executeTakeFirst();
        if (!r) throw new NotFoundError('invitation', params.id!);
        await recordAudit(trx, auth, 'invitation.revoked', r.email, {}, ctx.ip);
      });
      return { status: 204 };
    },
  }),

  defineRoute<{ token: string; password: string; name?: string }>({
    method: 'post',
    path: '/api/invitations/accept',
    tag: 'members',
    permission: 'public',
    summary: 'Join a tenant with an invitation token (creates the account if new); signs in',
    body: strictObject(
      {
        token: { type: 'string', minLength: 10, maxLength: 200 },
        password: { type: 'string', minLength: 8, maxLength: 200 },
        name: { type: 'string', minLength: 1, maxLength: 100 },
      },
      ['name'],
    ),
    responses: { 200: ok('signed in to the new tenant', sessionSchema), ...errors(400, 401, 404) },
    async handler({ body, ctx, services }) {
      const tokenHash = hashToken(body.token);
      const invite = await withLookup(services.db, { 'app.invitation_token_hash': tokenHash }, (trx) =>
        trx.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
      );
      if (!invite || invite.accepted_at || new Date(invite.expires_at) <= new Date())
        throw new NotFoundError('invitation', 'token');
      let user = await services.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('email', '=', invite.email)
        .executeTakeFirst();
      if (user) {
        if (!(await verifyPassword(user.password_hash, body.password)))
          throw new UnauthorizedError('wrong password for the invited account');
      } else {
        if (!body.name)
          throw new UserError(
            'invalid-request',
            'a name is needed to create your account',
            { field: 'name' },
            400,
          );
        user = await services.db
          .insertInto('users')
          .values({ email: invite.email, name: body.name, password_hash: await hashPassword(body.password) })
          .returning(['id', 'password_hash'])
          .executeTakeFirstOrThrow();
      }
      const userId = user.id;
      const session = await withTenant(services.db, invite.tenant_id, async (trx) => {
        const claimed = await trx
          .updateTable('invitations')
          .set({ accepted_at: new Date() })
          .where('id', '=', invite.id)
          .where('accepted_at', 'is', null)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) throw new NotFoundError('invitation', 'token');
        await trx
          .insertInto('memberships')
          .values({ tenant_id: invite.tenant_id, user_id: userId, role: invite.role })
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
          .execute();
        await recordAudit(
          trx,
          { tenantId: invite.tenant_id, userId },
          'member.joined',
          invite.email,
          { role: invite.role },
          ctx.ip,
        );
        const csrf = await startSession(ctx, services.config, trx, invite.tenant_id, userId);
        return describeSession(trx, userId, 'session', csrf);
      });
      return { body: session };
    },
  }),
];
