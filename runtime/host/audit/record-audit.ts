/** Writes one audit log row inside the caller's tenant transaction (so it rolls back with the change). */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuthContext } from '../auth/auth-context.ts';

/** Audited actions, in the user's words. */
export type AuditAction =
  | 'auth.signup'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.logout_everywhere'
  | 'member.invited'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'invitation.revoked'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'secret.set'
  | 'secret.deleted'
  | 'secret.rotated'
  | 'workflow.published'
  | 'workflow.deleted'
  | 'deployment.created'
  | 'deployment.removed'
  | 'plugin.installed'
  | 'plugin.upgraded'
  | 'plugin.removed'
  | 'plugin.published';

/** Records `action` on `target` by the caller. Never put secret values in `details`. */
export async function recordAudit(
  trx: Transaction<Database>,
  actor: Pick<AuthContext, 'tenantId' | 'userId' | 'apiKeyId'>,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> = {},
  ip: string | null = null,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: actor.tenantId,
      actor_user_id: actor.userId,
      actor_api_key_id: actor.apiKeyId ?? null,
      action,
      target,
      details: JSON.stringify(details),
      ip,
    })
    .execute();
}
