/** Password hashing with Argon2id. */
import { hash, verify } from '@node-rs/argon2';

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the email is unknown keeps both answers equally slow.
const decoy = hash('not-a-real-password-decoy');

/** Whether `password` matches `stored`; takes the same time when there is no stored hash. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  try {
    if (!stored) {
      await verify(await decoy, password);
      return false;
    }
    return await verify(stored, password);
  } catch {
    return false;
  }
}
