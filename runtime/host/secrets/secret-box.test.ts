import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyring } from './keyring.ts';
import { mask, open, seal } from './secret-box.ts';

const key = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  it('round-trips a value and tags it with the current key id', () => {
    const ring = parseKeyring(`k2:${key()},k1:${key()}`);
    const sealed = seal(ring, 'hunter2-long-value', 't/NAME');
    expect(sealed.keyId).toBe('k2');
    expect(sealed.ciphertext).not.toContain('hunter2');
    expect(open(ring, sealed, 't/NAME')).toBe('hunter2-long-value');
  });

  it('refuses altered ciphertext, a different binding, or a missing key', () => {
    const ring = parseKeyring(key());
    const sealed = seal(ring, 'value', 'tenant-a/NAME');
    expect(() => open(ring, sealed, 'tenant-b/NAME')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0]! ^= 1;
    expect(() =>
      open(ring, { ...sealed, ciphertext: flipped.toString('base64') }, 'tenant-a/NAME'),
    ).toThrow();
    expect(() => open(parseKeyring(`other:${key()}`), sealed, 'tenant-a/NAME')).toThrow(
      /key 'k1', which is not configured/,
    );
  });

  it('rejects keys of the wrong size with a clear message', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(
      "secret key 'k1' must be 32 bytes of base64 (got 5 bytes)",
    );
  });

  it('masks all but the last 4 characters of long values and everything of short ones', () => {
    expect(mask('sk-1234567890abcd')).toBe('••••abcd');
    expect(mask('short')).toBe('••••');
  });
});
