/** Creates a session row and sets the session and CSRF cookies. */
import type { Context } from 'koa';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { HostConfig } from '../config.ts';
import { randomToken } from './api-key-token.ts';
import { CSRF_COOKIE, SESSION_COOKIE, signSessionCookie } from './session-cookie.ts';

/** Starts a session for `userId` in the transaction's tenant; returns the CSRF token. */
export async function startSession(
  ctx: Context,
  config: HostConfig,
  trx: Transaction<Database>,
  tenantId: string,
  userId: string,
): Promise<string> {
  const csrfToken = randomToken(18);
  const expiresAt = Date.now() + config.sessionTtlMs;
  const session = await trx
    .insertInto('sessions')
    .values({ tenant_id: tenantId, user_id: userId, csrf_token: csrfToken, expires_at: new Date(expiresAt) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const common = {
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    path: '/',
    expires: new Date(expiresAt),
    overwrite: true,
  };
  ctx.cookies.set(
    SESSION_COOKIE,
    signSessionCookie(config.cookieSecret, { sessionId: session.id, tenantId, expiresAt }),
    { ...common, httpOnly: true },
  );
  // Readable by the studio's script, which echoes it in x-csrf-token (double submit).
  ctx.cookies.set(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
  return csrfToken;
}

/** Clears both cookies. */
export function clearSessionCookies(ctx: Context, config: HostConfig): void {
  const common = { sameSite: 'lax' as const, secure: config.secureCookies, path: '/', overwrite: true };
  ctx.cookies.set(SESSION_COOKIE, null, { ...common, httpOnly: true });
  ctx.cookies.set(CSRF_COOKIE, null, { ...common, httpOnly: false });
}
