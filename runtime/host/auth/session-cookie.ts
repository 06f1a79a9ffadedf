/** Session cookies: `sessionId.tenantId.expiresMs.hmac`, signed with HMAC-SHA256 so they cannot be forged. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a valid cookie names. */
export interface SessionCookie {
  sessionId: string;
  tenantId: string;
  expiresAt: number;
}

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'flow_session';
/** Name of the readable CSRF cookie (double-submit: send it back in `x-csrf-token`). */
export const CSRF_COOKIE = 'flow_csrf';

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Signs a session cookie value. */
export function signSessionCookie(secret: Buffer, cookie: SessionCookie): string {
  const payload = `${cookie.sessionId}.${cookie.tenantId}.${cookie.expiresAt}`;
  return `${payload}.${mac(secret, payload)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Verifies a cookie value; undefined when tampered with, malformed or expired. */
export function verifySessionCookie(
  secret: Buffer,
  value: string,
  now = Date.now(),
): SessionCookie | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const [sessionId, tenantId, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(secret, `${sessionId}.${tenantId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (!UUID.test(sessionId) || !UUID.test(tenantId)) return undefined;
  const expiresAt = Number(expires);
  if (!Number.isFinite(expiresAt) || expiresAt <= now) return undefined;
  return { sessionId, tenantId, expiresAt };
}
