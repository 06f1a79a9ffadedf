import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSessionCookie, verifySessionCookie } from './session-cookie.ts';

const secret = randomBytes(32);
const cookie = { sessionId: randomUUID(), tenantId: randomUUID(), expiresAt: Date.now() + 60_000 };

describe('session cookies', () => {
  it('verify what they signed', () => {
    expect(verifySessionCookie(secret, signSessionCookie(secret, cookie))).toEqual(cookie);
  });

  it('refuse any changed character, another secret, or an expired time', () => {
    const value = signSessionCookie(secret, cookie);
    for (let i = 0; i < value.length; i++) {
      const changed = value.slice(0, i) + (value[i] === 'a' ? 'b' : 'a') + value.slice(i + 1);
      if (changed !== value) expect(verifySessionCookie(secret, changed), `position ${i}`).toBeUndefined();
    }
    expect(verifySessionCookie(randomBytes(32), value)).toBeUndefined();
    expect(verifySessionCookie(secret, value, cookie.expiresAt + 1)).toBeUndefined();
    expect(verifySessionCookie(secret, 'garbage')).toBeUndefined();
  });
});
