/** Encryption keys for tenant secrets, by id, so keys can be rotated without losing old secrets. */

/** The current key id encrypts; every listed key can decrypt. */
export interface Keyring {
  current: string;
  keys: Map<string, Buffer>;
}

/** Parses `id:base64key[,id:base64key...]` (the first is current); a bare base64 key gets id `k1`. */
export function parseKeyring(text: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = text
    .trim()
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [id, b64] = entry.includes(':') ? (entry.split(':', 2) as [string, string]) : ['k1', entry];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32)
      throw new Error(`secret key '${id}' must be 32 bytes of base64 (got ${key.length} bytes)`);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new Error(`secret key id '${id}' may use only letters, digits, _ and -`);
    keys.set(id, key);
  }
  const current = entries.length > 0 ? [...keys.keys()][0] : undefined;
  if (!current) throw new Error('no secret key configured (FLOW_SECRET_KEY)');
  return { current, keys };
}
