/** AES-256-GCM encryption of secret values, tagged with the key id that sealed them. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/** A sealed value as stored in the `secrets` table (base64 fields). */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Encrypts `plaintext` with the current key. `aad` binds it to its tenant and name. */
export function seal(keyring: Keyring, plaintext: string, aad: string): SealedSecret {
  const key = keyring.keys.get(keyring.current)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: keyring.current,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Decrypts a sealed value; throws if the key is unknown or the data or its binding was altered. */
export function open(keyring: Keyring, sealed: SealedSecret, aad: string): string {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new Error(`secret was sealed with key '${sealed.keyId}', which is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

/** What a list shows instead of a value: never more than the last 4 characters of a long secret. */
export function mask(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}
