/**
 * Secrets the host holds that no sandboxed code may ever obtain: a file, an environment variable
 * and a host global, each with a random value.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The planted secrets and where they live. */
export interface HostCanary {
  file: string;
  secrets: string[];
  /** True when the file still holds what was planted. */
  intact(): Promise<boolean>;
  remove(): Promise<void>;
}

/** Plants the canaries. */
export async function plantCanary(): Promise<HostCanary> {
  const dir = await mkdtemp(join(tmpdir(), 'flow-canary-'));
  const file = join(dir, 'canary.txt');
  const [fileSecret, envSecret, globalSecret] = [0, 1, 2].map(
    () => `canary-${randomBytes(12).toString('hex')}`,
  ) as [string, string, string];
  await writeFile(file, fileSecret);
  process.env.FLOW_SECURITY_CANARY = envSecret;
  (globalThis as Record<string, unknown>).flowSecurityCanary = globalSecret;
  return {
    file,
    secrets: [fileSecret, envSecret, globalSecret],
    intact: async () => (await readFile(file, 'utf8')) === fileSecret,
    remove: async () => {
      delete process.env.FLOW_SECURITY_CANARY;
      delete (globalThis as Record<string, unknown>).flowSecurityCanary;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
