/** Host settings: secrets for cookies and the secret store, cookie flags, limits. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Keyring, parseKeyring } from './secrets/keyring.ts';

/** Everything the Koa app needs besides the database. */
export interface HostConfig {
  /** HMAC key for session cookies (32+ bytes). */
  cookieSecret: Buffer;
  /** AES-256-GCM keys for tenant secrets; the current one encrypts, all decrypt. */
  keyring: Keyring;
  /** Send cookies with `Secure` (needs HTTPS or a trusted proxy). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* headers (behind a proxy). */
  trustProxy: boolean;
  sessionTtlMs: number;
  invitationTtlMs: number;
  /** Failed sign-ins allowed per IP+email per window before 429. */
  loginLimit: { max: number; windowMs: number };
  logLevel: string;
  /** Check every JSON response against its declared schema (tests turn this on). */
  validateResponses: boolean;
  /** Let plugins' `fetch` reach loopback and private addresses (FLOW_FETCH_ALLOW_PRIVATE=true). */
  allowPrivateNetwork: boolean;
}

/** Reads a secret from the environment, else from a file under the data dir, creating it once. */
function persistentSecret(envValue: string | undefined, file: string, make: () => string): string {
  if (envValue) return envValue;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Host settings from the environment: FLOW_COOKIE_SECRET, FLOW_SECRET_KEY (`id:base64key,...`,
 * first = current) — each falling back to a file under `dataDir` generated on first start.
 */
export function loadHostConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const cookieSecret = persistentSecret(env.FLOW_COOKIE_SECRET, path.join(dataDir, 'cookie-secret'), () =>
    randomBytes(32).toString('base64'),
  );
  const keys = persistentSecret(
    env.FLOW_SECRET_KEY,
    path.join(dataDir, 'secret-keys'),
    () => `k1:${randomBytes(32).toString('base64')}`,
  );
  return {
    cookieSecret: Buffer.from(cookieSecret, 'base64'),
    keyring: parseKeyring(keys),
    secureCookies: env.FLOW_SECURE_COOKIES === 'true',
    trustProxy: env.FLOW_TRUST_PROXY === 'true',
    sessionTtlMs: 7 * 24 * 3600_000,
    invitationTtlMs: 7 * 24 * 3600_000,
    loginLimit: { max: 5, windowMs: 15 * 60_000 },
    logLevel: env.LOG_LEVEL ?? 'info',
    validateResponses: false,
    allowPrivateNetwork: env.FLOW_FETCH_ALLOW_PRIVATE === 'true',
  };
}

/** Settings for tests: fresh random keys, silent logs, responses checked against their schemas. */
export function testHostConfig(overrides: Partial<HostConfig> = {}): HostConfig {
  return {
    cookieSecret: randomBytes(32),
    keyring: parseKeyring(`t1:${randomBytes(32).toString('base64')}`),
    secureCookies: false,
    trustProxy: false,
    sessionTtlMs: 3600_000,
    invitationTtlMs: 3600_000,
    loginLimit: { max: 5, windowMs: 60_000 },
    logLevel: 'silent',
    validateResponses: true,
    allowPrivateNetwork: false,
    ...overrides,
  };
}
