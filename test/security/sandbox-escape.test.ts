/**
 * The security corpus: every hostile payload runs in the real sandbox pool, one test each. Each must
 * end in a clear error or a harmless value, obtain none of the host's or another tenant's secrets,
 * leave the host's prototypes clean, and leave the pool answering calls.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeNode } from '../../plugins/core-code/index.ts';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { createSandboxPool } from '../../runtime/sandbox/sandbox-pool.ts';
import { MemoryTenants } from '../../runtime/sandbox/testing/memory-tenants.ts';
import { testPlugin } from '../../runtime/sandbox/testing/test-plugin.ts';
import { bridgePayloads } from './bridge-payloads.ts';
import { escapePayloads } from './escape-payloads.ts';
import { type HostCanary, plantCanary } from './host-canary.ts';
import { type HostilePayload, mentionsNone } from './hostile-payload.ts';
import { resourcePayloads } from './resource-payloads.ts';

const MAX_LOG_LINES = 50;
const pool = createSandboxPool({
  size: 2,
  limits: { cpuMs: 500, memoryMb: 32, wallMs: 10_000, maxOutputBytes: 100_000, maxLogLines: MAX_LOG_LINES },
});
const codeNode = createCodeNode(pool);
const tenants = new MemoryTenants();
const VICTIM_SECRETS = ['victim-api-token-7f3a', 'victim-openai-key-9c1d'];
const prototypes = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Promise.prototype,
];
const cleanPrototypes = prototypes.map((p) => Object.getOwnPropertyNames(p).sort());
let canary: HostCanary;
let server: Server;
let origin: string;
let serverHits = 0;

beforeAll(async () => {
  canary = await plantCanary();
  tenants.kv.set('victim', new Map([['api-token', VICTIM_SECRETS[0]]]));
  tenants.secrets.set('victim', { OPENAI_KEY: VICTIM_SECRETS[1]!, DB_PASSWORD: 'victim-db' });
  tenants.secrets.set('attacker', { OPENAI_KEY: 'attacker-openai-key' });
  server = createServer((_req, res) => {
    serverHits++;
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
  await canary.remove();
});

const hostFetch: NodeContext['fetch'] = async (url) => {
  const res = await fetch(url);
  return { status: res.status, headers: {}, body: await res.text() };
};

/** Runs a payload as its tenant and returns what came back: a value or an error. */
async function attempt(
  payload: HostilePayload,
  tenant: string,
  config: Record<string, unknown>,
): Promise<{ value?: unknown; error?: Error }> {
  const ctx = tenants.context(tenant, { fetch: hostFetch });
  try {
    if (payload.code !== undefined)
      return { value: await codeNode.invoke({ code: payload.code, input: config }, ctx) };
    const plugin = testPlugin(pool, 'hostile', payload.module!, payload.permissions);
    return { value: await plugin.invoke(config, ctx) };
  } catch (error) {
    return { error: error as Error };
  }
}

function expectOutcome(payload: HostilePayload, result: { value?: unknown; error?: Error }): void {
  const { outcome } = payload;
  if ('error' in outcome) {
    expect(result.error?.message, `expected an error, got ${JSON.stringify(result.value)}`).toMatch(
      outcome.error,
    );
  } else if ('errorOrValue' in outcome) {
    if (result.error) expect(result.error.message).toMatch(outcome.errorOrValue);
  } else {
    expect(result.error, result.error?.message).toBeUndefined();
    if ('value' in outcome) expect(result.value).toEqual(outcome.value);
    else
      expect(
        outcome.check(result.value),
        `${outcome.why}: ${JSON.stringify(result.value)?.slice(0, 300)}`,
      ).toBe(true);
  }
}

const corpus = [...escapePayloads, ...resourcePayloads, ...bridgePayloads];

describe('security corpus', () => {
  it('has at least 30 hostile payloads', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((payload) => [payload.name, payload] as const))('%s', async (_name, payload) => {
    const logsBefore = tenants.logs.length;
    const hitsBefore = serverHits;
    const config = { origin, canaryFile: canary.file, ...payload.config };
    const result = await attempt(payload, payload.tenant ?? 'attacker', config);
    expectOutcome(payload, result);

    // Nothing of the host or of another tenant came back, in the value, the error or the trace.
    const forbidden = [...canary.secrets, ...VICTIM_SECRETS];
    const error = result.error as (Error & { details?: unknown; code?: string }) | undefined;
    expect(
      mentionsNone(
        { value: result.value, message: error?.message, code: error?.code, details: error?.details },
        forbidden,
      ),
    ).toBe(true);
    const lines = tenants.logs.slice(logsBefore);
    expect(mentionsNone(lines, forbidden)).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(MAX_LOG_LINES + 1);
    expect(serverHits, 'a refused fetch must not reach the network').toBe(hitsBefore);

    // The host's prototypes are untouched and its files intact.
    expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(cleanPrototypes);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.assign({}, result.value as object)).not.toHaveProperty('polluted');
    expect(await canary.intact()).toBe(true);

    if (payload.thenAs) {
      const other = await attempt(payload, payload.thenAs.tenant, payload.thenAs.config);
      expect(other.error).toBeUndefined();
      expect(other.value).toEqual(payload.thenAs.value);
    }

    // The host is alive and the pool still answers, for the attacker and for everyone else.
    await expect(
      codeNode.invoke({ code: 'return input * 2;', input: 21 }, tenants.context('attacker')),
    ).resolves.toBe(42);
    await expect(
      codeNode.invoke({ code: 'return input + "!";', input: 'ok' }, tenants.context('bystander')),
    ).resolves.toBe('ok!');
    expect(pool.processIds()).toHaveLength(2);
  });
});
