/**
 * Finds the caller from the session cookie or an `Authorization: Bearer fs_...` key and puts it in
 * `ctx.state.auth`. A bad credential is remembered in `ctx.state.authFailure`, not thrown here, so
 * public routes (sign-in) still work with a stale cookie; protected routes answer 401 with it.
 */
import type { Middleware } from 'koa';
import { sql } from 'kysely';
import type { Role } from '../../db/schema.ts';
import { withLookup, withTenant } from '../../db/with-tenant.ts';
import type { HostServices } from '../host-services.ts';
import { hashToken } from './api-key-token.ts';
import type { AuthContext } from './auth-context.ts';
import { SESSION_COOKIE, verifySessionCookie } from './session-cookie.ts';

/** Looks up a browser session from its cookie value; a reason string when revoked, expired, or the member was removed. */
export async function fromSession(
  services: HostServices,
  cookie: string,
): Promise<(AuthContext & { csrfToken: string }) | string> {
  const parsed = verifySessionCookie(services.config.cookieSecret, cookie);
  if (!parsed) return 'your session cookie is invalid or expired; sign in again';
  const row = await withTenant(services.db, parsed.tenantId, (trx) =>
    trx
      .selectFrom('sessions as s')
      .innerJoin('memberships as m', (j) =>
        j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.user_id', '=', 's.user_id'),
      )
      .select(['s.id', 's.tenant_id', 's.user_id', 's.csrf_token', 'm.role'])
      .where('s.id', '=', parsed.sessionId)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', new Date())
      .executeTakeFirst(),
  );
  if (!row) return 'your session has ended; sign in again';
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role,
    via: 'session',
    sessionId: row.id,
    csrfToken: row.csrf_token,
  };
}

/** Looks up an API key (a reason string when refused) by its hash, then its creator's current role in the key's tenant. */
export async function fromApiKey(services: HostServices, token: string): Promise<AuthContext | string> {
  const keyHash = hashToken(token);
  return withLookup(services.db, { 'app.api_key_hash': keyHash }, async (trx) => {
    const key = await trx
      .selectFrom('api_keys')
      .select(['id', 'tenant_id', 'created_by', 'scopes', 'revoked_at', 'last_used_at'])
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!key || key.revoked_at) return 'this API key is unknown or revoked';
    await sql`SELECT set_config('app.tenant_id', ${key.tenant_id}, true)`.execute(trx);
    const member = key.created_by
      ? await trx
          .selectFrom('memberships')
          .select('role')
          .where('user_id', '=', key.created_by)
          .executeTakeFirst()
      : undefined;
    if (!member) return 'the member who created this API key has left the tenant; create a new key';
    // At most one write a minute per key: last_used_at is for humans, not an access log.
    if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > 60_000) {
      await trx.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', key.id).execute();
    }
    return {
      tenantId: key.tenant_id,
      userId: key.created_by,
      role: member.role as Role,
      via: 'api-key' as const,
      apiKeyId: key.id,
      scopes: key.scopes,
    };
  });
}

/** The authentication middleware. */
export function authenticate(services: HostServices): Middleware {
  return async function authenticateMiddleware(ctx, next) {
    const header = ctx.get('authorization');
    let result: AuthContext | string | undefined;
    if (header) {
      const match = /^Bearer\s+(fs_[A-Za-z0-9_-]{10,100})$/.exec(header);
      result = match
        ? await fromApiKey(services, match[1]!)
        : 'the Authorization header must be "Bearer fs_..."';
    } else {
      const cookie = ctx.cookies.get(SESSION_COOKIE);
      if (cookie) result = await fromSession(services, cookie);
    }
    if (typeof result === 'string') ctx.state.authFailure = result;
    else if (result) ctx.state.auth = result;
    await next();
  };
}
