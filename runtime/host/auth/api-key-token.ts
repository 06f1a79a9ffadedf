/** API keys: `fs_<random>` shown once; only the sha256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

/** A new key: the token to show once, its hash to store, and a prefix to recognise it in lists. */
export function newApiKey(): { token: string; hash: string; prefix: string } {
  const token = `fs_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 7) };
}

/** sha256 of a token, hex; used for API keys and invitation tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random URL-safe token (invitations, CSRF). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
