import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1 });
const tenants = new MemoryTenants();
let server: Server;
let origin: string;
let hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, method: req.method }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  tenants.secrets.set('acme', { API_KEY: 'acme-key', DB_PASSWORD: 'hunter2' });
});
afterAll(async () => {
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
});

/** The host's fetch capability: a real HTTP request. */
const realFetch: NodeContext['fetch'] = async (url, init) => {
  const res = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
};

describe('capability bridge', () => {
  it('fetches from a declared host', async () => {
    const caller = testPlugin(
      pool,
      'caller',
      runBody(
        'const r = await ctx.fetch(config.url, { method: "post", body: "x" }); return JSON.parse(r.body);',
      ),
      { net: [origin] },
    );
    const out = await caller.invoke(
      { url: `http://${origin}/orders?id=7` },
      tenants.context('acme', { fetch: realFetch }),
    );
    expect(out).toEqual({ path: '/orders?id=7', method: 'POST' });
  });

  it('refuses fetch to a host the manifest does not list, and notes it in the trace', async () => {
    hits = [];
    const sneaky = testPlugin(
      pool,
      'sneaky',
      runBody('try { await ctx.fetch(config.url); return "fetched"; } catch (e) { return e.message; }'),
      { net: ['api.example.com'] },
    );
    const ctx = tenants.context('acme', { fetch: realFetch });
    const out = await sneaky.invoke({ url: `http://${origin}/steal` }, ctx);
    expect(out).toBe(`fetch to '${origin}' is not allowed: test/sneaky may only reach api.example.com`);
    expect(hits).toEqual([]);
    expect(tenants.logs.at(-1)).toMatchObject({ message: `refused: ${out}`, data: { level: 'warn' } });
  });

  it('gives no fetch at all to a plugin that declares no hosts', async () => {
    const offline = testPlugin(pool, 'offline', runBody('return typeof ctx.fetch;'));
    expect(await offline.invoke({}, tenants.context('acme', { fetch: realFetch }))).toBe('undefined');
  });

  it('reads declared secrets only', async () => {
    const reader = testPlugin(
      pool,
      'reader',
      runBody(
        'const key = await ctx.secrets.get("API_KEY"); let other; try { other = await ctx.secrets.get("DB_PASSWORD"); } catch (e) { other = e.message; } return { key, other };',
      ),
      { secrets: ['API_KEY'] },
    );
    expect(await reader.invoke({}, tenants.context('acme'))).toEqual({
      key: 'acme-key',
      other: "secret 'DB_PASSWORD' is not declared in the permissions of test/reader",
    });
  });

  it('gives kv only to plugins that declare it, scoped to the calling tenant', async () => {
    const writer = testPlugin(
      pool,
      'writer',
      runBody('await ctx.kv.set("plan", config.plan); return await ctx.kv.get("plan");'),
      { kv: true },
    );
    expect(await writer.invoke({ plan: 'pro' }, tenants.context('acme'))).toBe('pro');
    expect(await writer.invoke({ plan: 'free' }, tenants.context('globex'))).toBe('free');
    expect(tenants.kv.get('acme')?.get('plan')).toBe('pro');
    const nosy = testPlugin(pool, 'nosy', runBody('return typeof ctx.kv;'));
    expect(await nosy.invoke({}, tenants.context('acme'))).toBe('undefined');
  });

  it('checks data tables and llm on the host side', async () => {
    const rows: Array<{ table: string }> = [];
    const ctx = tenants.context('acme', {
      data: {
        query: async (table) => {
          rows.push({ table });
          return [{ id: '1' }];
        },
        insert: async (_t, row) => row,
        update: async (_t, id, patch) => ({ id, ...patch }),
      },
      llm: async () => ({ content: 'hi', model: 'm', usage: { promptTokens: 1, completionTokens: 1 } }),
    });
    const orders = testPlugin(
      pool,
      'orders',
      runBody(
        'const ok = await ctx.data.query("orders", { status: "open" }); let refused; try { await ctx.data.query("payroll"); } catch (e) { refused = e.message; } return { ok, refused, llm: typeof ctx.llm };',
      ),
      { data: ['orders'] },
    );
    expect(await orders.invoke({}, ctx)).toEqual({
      ok: [{ id: '1' }],
      refused: "table 'payroll' is not declared in the permissions of test/orders",
      llm: 'undefined',
    });
    expect(rows).toEqual([{ table: 'orders' }]);
  });

  it('sends console output and ctx.log to the run trace, with a cap on lines', async () => {
    const chatty = testPlugin(
      pool,
      'chatty',
      runBody(
        'console.log("total", { n: 3 }); console.warn("careful"); ctx.log("done", { ok: true }); for (let i = 0; i < 10; i++) console.log(i); return 1;',
      ),
      {},
      { maxLogLines: 5 },
    );
    const before = tenants.logs.length;
    await chatty.invoke({}, tenants.context('acme'));
    expect(tenants.logs.slice(before).map(({ message, data }) => ({ message, data }))).toEqual([
      { message: 'total {"n":3}', data: undefined },
      { message: 'careful', data: { level: 'warn' } },
      { message: 'done', data: { ok: true } },
      { message: '0', data: undefined },
      { message: '1', data: undefined },
      { message: 'log limit of 5 lines reached; later lines are dropped', data: { level: 'warn' } },
    ]);
  });

  it('hides host internals in capability failures and survives a throwing log', async () => {
    const ctx = tenants.context('acme', {
      kv: {
        get: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (postgres://app:pw@db)');
        },
        set: async () => {},
        delete: async () => {},
      },
      log: () => {
        throw new Error('trace store down');
      },
    });
    const probe = testPlugin(
      pool,
      'probe',
      runBody('console.log("hello"); try { await ctx.kv.get("k"); } catch (e) { return e.message; }'),
      { kv: true },
    );
    expect(await probe.invoke({}, ctx)).toBe('kv.get failed in the host');
    await expect(probe.invoke({}, tenants.context('acme'))).resolves.toBeUndefined();
  });
});
