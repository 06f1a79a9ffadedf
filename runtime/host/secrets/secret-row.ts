/** A secret as stored in the `secrets` table: sealing a value into its columns and opening it back. */
import type { Keyring } from './keyring.ts';
import { open, seal } from './secret-box.ts';

/** Associated data binding a ciphertext to its tenant and name: a row copied elsewhere will not open. */
export const secretAad = (tenantId: string, name: string) => `${tenantId}/${name}`;

/** The sealed columns of a stored secret. */
export interface SecretRow {
  name: string;
  key_id: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** The columns to store for tenant `tenantId`'s secret `name` holding `value`, sealed under the current key. */
export function sealSecretRow(keyring: Keyring, tenantId: string, name: string, value: string) {
  const sealed = seal(keyring, value, secretAad(tenantId, name));
  return {
    key_id: sealed.keyId,
    iv: sealed.iv,
    tag: sealed.tag,
    ciphertext: sealed.ciphertext,
    updated_at: new Date(),
  };
}

/** The value of a stored secret; throws when its key is not configured or the row was altered or moved. */
export function openSecretRow(keyring: Keyring, tenantId: string, row: SecretRow): string {
  return open(
    keyring,
    { keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext },
    secretAad(tenantId, row.name),
  );
}
