/** Members of the tenant and their roles. */
import type { Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import { ForbiddenError, NotFoundError, UserError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { canAssignRole } from '../auth/permissions.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, role, strictObject, timestamp, uuid } from '../http/schemas.ts';

const member = strictObject({
  userId: uuid,
  email: { type: 'string' },
  name: { type: 'string' },
  role,
  joinedAt: timestamp,
});

/** Members with their user's email and name, as the API shows them. */
const membersOf = (trx: Transaction<Database>) =>
  trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.created_at']);

const toMember = (r: { id: string; email: string; name: string; role: Role; created_at: Date }) => ({
  userId: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  joinedAt: r.created_at,
});

/** The member's current role in the request's tenant; 404 when they are not a member (or of another tenant). */
async function memberRole(trx: Transaction<Database>, userId: string): Promise<{ role: Role }> {
  const current = await trx
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!current) throw new NotFoundError('member', userId);
  return current;
}

/** Refuses to leave the tenant without an owner. */
async function assertAnotherOwner(trx: Transaction<Database>, userId: string): Promise<void> {
  const owners = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('role', '=', 'owner')
    .where('user_id', '!=', userId)
    .execute();
  if (owners.length === 0)
    throw new UserError(
      'last-owner',
      'a tenant needs at least one owner; make someone else owner first',
      {},
      409,
    );
}

/** Routes under /api/members. */
export const memberRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/members',
    tag: 'members',
    permission: 'members:read',
    summary: 'List members and their roles',
    responses: { 200: ok('members', strictObject({ members: arrayOf(member) })), ...errors(401, 403) },
    async handler({ tx }) {
      const rows = await tx((trx) => membersOf(trx).orderBy('m.created_at').execute());
      return { body: { members: rows.map(toMember) } };
    },
  }),

  defineRoute<{ role: Role }>({
    method: 'patch',
    path: '/api/members/:userId',
    tag: 'members',
    permission: 'members:manage',
    summary: "Change a member's role",
    params: { userId: uuid },
    body: strictObject({ role }),
    responses: { 200: ok('the member', member), ...errors(400, 401, 403, 404, 409) },
    async handler({ params, body, auth, ctx, tx }) {
      if (!canAssignRole(auth.role, body.role))
        throw new ForbiddenError('only an owner can make someone an owner');
      return tx(async (trx) => {
        const current = await memberRole(trx, params.userId!);
        if (current.role === 'owner' && auth.role !== 'owner')
          throw new ForbiddenError("only an owner can change an owner's role");
        if (current.role === 'owner' && body.role !== 'owner') await assertAnotherOwner(trx, params.userId!);
        await trx
          .updateTable('memberships')
          .set({ role: body.role })
          .where('user_id', '=', params.userId!)
          .execute();
        await recordAudit(
          trx,
          auth,
          'member.role_changed',
          params.userId!,
          { from: current.role, to: body.role },
          ctx.ip,
        );
        const r = await membersOf(trx).where('m.user_id', '=', params.userId!).executeTakeFirstOrThrow();
        return { body: toMember(r) };
      });
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/members/:userId',
    tag: 'members',
    permission: 'members:manage',
    summary: 'Remove a member (their sessions end)',
    params: { userId: uuid },
    responses: { 204: { description: 'removed' }, ...errors(400, 401, 403, 404, 409) },
    async handler({ params, auth, ctx, tx }) {
      await tx(async (trx) => {
        const current = await memberRole(trx, params.userId!);
        if (current.role === 'owner' && auth.role !== 'owner')
          throw new ForbiddenError('only an owner can remove an owner');
        if (current.role === 'owner') await assertAnotherOwner(trx, params.userId!);
        await trx.deleteFrom('memberships').where('user_id', '=', params.userId!).execute();
        await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('user_id', '=', params.userId!)
          .where('revoked_at', 'is', null)
          .execute();
        await recordAudit(trx, auth, 'member.removed', params.userId!, { role: current.role }, ctx.ip);
      });
      return { status: 204 };
    },
  }),
];
