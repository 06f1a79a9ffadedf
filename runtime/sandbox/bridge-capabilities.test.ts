/**
 * The capabilities added for built-in plugins (assets, email), `*` permissions, config values that
 * JSON cannot carry (undefined), and modules sent once per process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EmailMessage, NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import { ForbiddenError } from '../workflow/errors.ts';
import { callCapability } from './capability-bridge.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testManifest, testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1 });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

const assets: NonNullable<NodeContext['assets']> = {
  read: async (name) =>
    name === 'faq.json'
      ? [{ q: 'hours?', a: '9-5' }]
      : Promise.reject(new ForbiddenError(`no asset ${name}`)),
};

function outbox(): NonNullable<NodeContext['email']> & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    sent,
    send: async (message) => {
      sent.push(message);
      return { messageId: message.messageId, accepted: message.to, rejected: [], response: '250 OK' };
    },
  };
}

const manifest = (permissions: PluginManifest['permissions']) =>
  testManifest('test/raw', 'node', permissions);

describe('assets through the bridge', () => {
  it('reads a file for a plugin that declares assets', async () => {
    const reader = testPlugin(pool, 'reader', runBody('return ctx.assets.read(config.file);'), {
      assets: true,
    });
    expect(await reader.invoke({ file: 'faq.json' }, tenants.context('acme', { assets }))).toEqual([
      { q: 'hours?', a: '9-5' },
    ]);
    await expect(
      reader.invoke({ file: '../secrets.json' }, tenants.context('acme', { assets })),
    ).rejects.toThrow('no asset ../secrets.json');
  });

  it('gives no ctx.assets without the permission, and the host refuses a forged request', async () => {
    const plain = testPlugin(pool, 'plain', runBody('return typeof ctx.assets;'));
    expect(await plain.invoke({}, tenants.context('acme', { assets }))).toBe('undefined');
    const call = { manifest: manifest({}), ctx: tenants.context('acme', { assets }), maxBytes: 1_000 };
    await expect(callCapability(call, 'assets.read', '["faq.json"]')).rejects.toThrow(
      "test/raw has no 'assets' permission",
    );
  });
});

describe('email through the bridge', () => {
  it('sends the message the plugin built, rebuilt from plain strings', async () => {
    const mail = outbox();
    const sender = testPlugin(
      pool,
      'sender',
      runBody(
        'return ctx.email.send({ to: ["ann@example.com"], cc: [], bcc: [], subject: "Hi", text: "Hello", messageId: "<m1@x>", extra: "dropped" });',
      ),
      { email: true },
    );
    const receipt = await sender.invoke({}, tenants.context('acme', { email: mail }));
    expect(receipt).toEqual({
      messageId: '<m1@x>',
      accepted: ['ann@example.com'],
      rejected: [],
      response: '250 OK',
    });
    expect(mail.sent).toEqual([
      { to: ['ann@example.com'], cc: [], bcc: [], subject: 'Hi', text: 'Hello', messageId: '<m1@x>' },
    ]);
  });

  it('refuses malformed messages and plugins without the permission', async () => {
    const mail = outbox();
    const ctx = tenants.context('acme', { email: mail });
    const allowed = { manifest: manifest({ email: true }), ctx, maxBytes: 10_000 };
    await expect(
      callCapability(
        allowed,
        'email.send',
        JSON.stringify([{ to: [{ address: 'x' }], subject: 's', text: 't', messageId: 'm' }]),
      ),
    ).rejects.toThrow('email.send: to[0] must be a string');
    await expect(
      callCapability(
        allowed,
        'email.send',
        JSON.stringify([{ to: [], subject: 's', text: 't', messageId: 'm' }]),
      ),
    ).rejects.toThrow('email.send: the message has no recipients');
    const denied = { manifest: manifest({}), ctx, maxBytes: 10_000 };
    await expect(callCapability(denied, 'email.send', '[{}]')).rejects.toThrow(
      "test/raw has no 'email' permission",
    );
    expect(mail.sent).toEqual([]);
  });
});

describe('values and permissions', () => {
  it('passes undefined config members as in-process, and never lets one widen a data query', async () => {
    const filters: unknown[] = [];
    const data: NonNullable<NodeContext['data']> = {
      query: async (_table, filter) => {
        filters.push(filter);
        return [];
      },
      insert: async (_table, row) => row,
      update: async (_table, _id, patch) => patch,
    };
    const finder = testPlugin(
      pool,
      'finder',
      runBody(
        'const seen = "id" in config.where && config.where.id === undefined; await ctx.data.query("customers", config.where); return seen;',
      ),
      { data: ['customers'] },
    );
    expect(await finder.invoke({ where: { id: undefined } }, tenants.context('acme', { data }))).toBe(true);
    expect(filters).toEqual([{ id: null }]);
  });

  it("lets data: ['*'] reach any table of the tenant", async () => {
    const data: NonNullable<NodeContext['data']> = {
      query: async (table) => [{ table }],
      insert: async (_table, row) => row,
      update: async (_table, _id, patch) => patch,
    };
    const call = {
      manifest: manifest({ data: ['*'] }),
      ctx: tenants.context('acme', { data }),
      maxBytes: 1_000,
    };
    expect(JSON.parse(await callCapability(call, 'data.query', '["invoices", null]'))).toEqual([
      { table: 'invoices' },
    ]);
  });

  it('fails a node whose config cannot be copied, and the process keeps serving', async () => {
    const echo = testPlugin(pool, 'echo', runBody('return config.n;'));
    await expect(echo.invoke({ n: 1, f: () => 1 } as never, tenants.context('acme'))).rejects.toThrow(
      /the config of test\/echo is not plain data/,
    );
    expect(await echo.invoke({ n: 2 }, tenants.context('acme'))).toBe(2);
  });
});

describe('module sources', () => {
  it('sends a module again when the worker no longer keeps it', async () => {
    const tight = createSandboxPool({ size: 1, moduleCacheChars: 10 });
    try {
      const one = testPlugin(tight, 'one', runBody('return "one:" + ctx.tenantId;'));
      const two = testPlugin(tight, 'two', runBody('return "two:" + ctx.tenantId;'));
      expect(await one.invoke({}, tenants.context('acme'))).toBe('one:acme');
      expect(await two.invoke({}, tenants.context('acme'))).toBe('two:acme');
      // A new tenant needs a new isolate for `one`, whose source the worker has dropped by now.
      expect(await one.invoke({}, tenants.context('globex'))).toBe('one:globex');
      expect(await one.invoke({}, tenants.context('acme'))).toBe('one:acme');
    } finally {
      await tight.close();
    }
  });
});
