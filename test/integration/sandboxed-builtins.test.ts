/**
 * Every built-in node plugin gives the same answer in the sandbox as in-process: each call below runs
 * once through the plugin's own `run` and once through its bundled package in the sandbox pool, each
 * side with fresh local capabilities (tables from workflows/data, assets, loopback HTTP, an outbox).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlugins } from '../../plugins/load-builtins.ts';
import { createBuiltinPackages } from '../../registry/builtin-packages.ts';
import type { EmailMessage, NodeContext, NodePlugin } from '../../registry/sdk/plugin.ts';
import { createSandboxPool } from '../../runtime/sandbox/sandbox-pool.ts';
import { createSandboxedBuiltinResolver } from '../../runtime/sandbox/sandboxed-builtin-resolver.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { examplesDir } from '../../workflows/example-runner.ts';
import { createLocalCapabilities } from '../../workflows/local-services.ts';

const builtins = await loadBuiltinPlugins();
const pool = createSandboxPool({ size: 2 });
const resolve = createSandboxedBuiltinResolver({ builtins, packages: createBuiltinPackages(), pool });
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, method: req.method, accept: req.headers.accept }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await pool.close();
  await new Promise((done) => server.close(done));
});

/** The calls per plugin (config, built late so the loopback origin is known); others get `{}`. */
const calls: Record<string, Array<() => Record<string, unknown>>> = {
  'core/code': [() => ({ code: 'return input.map((x: number) => x * 2);', input: [1, 2] })],
  'core/condition': [() => ({ if: true }), () => ({ if: 0 })],
  'core/data': [
    () => ({ action: 'find', table: 'orders', where: { id: 'ORD-10002' } }),
    () => ({ action: 'find', table: 'customers', where: { id: undefined } }),
    () => ({ action: 'insert', table: 'leads', row: { name: 'Ann' } }),
  ],
  'core/entities': [
    () => ({
      text: 'Order ORD-12345 was $25.99, email me at ann@example.com',
      types: ['orderId', 'amount', 'email'],
    }),
    () => ({ text: 'two travel mugs please', types: ['product'], catalogue: 'products.json' }),
  ],
  'core/http-request': [
    () => ({ url: `http://${origin}/orders/7`, headers: { accept: 'application/json' } }),
  ],
  'core/intent': [
    () => ({
      text: 'where is my parcel?',
      intents: { track: ['where is my order', 'track my parcel'], refund: ['I want my money back'] },
    }),
  ],
  'core/knowledge-search': [() => ({ query: 'how long does shipping take', source: 'faq.json', topK: 2 })],
  'core/merge': [() => ({ items: [{ a: 1, b: { c: 1 } }, { b: { d: 2 } }] })],
  'core/orders': [
    () => ({ action: 'get-order', orderId: 'ORD-10002', customerEmail: 'ann.lee@example.com' }),
    () => ({ action: 'get-order', orderId: 'ORD-10002', customerEmail: 'bob.martin@example.com' }),
  ],
  'core/switch': [() => ({ value: 'refund', cases: ['refund', 'delivery'] })],
  'core/template': [() => ({ template: 'Hi [[name | there]]!', data: {} })],
  'core/transform': [
    () => ({
      data: { id: 'ORD-1', total: 12.5, internal: 'x' },
      omit: ['internal'],
      rename: { id: 'orderId' },
    }),
  ],
  'tool/crm': [
    () => ({ action: 'upsert-contact', contact: { name: 'Ann Lee', email: 'ann@example.com' } }),
    () => ({ action: 'create-lead', lead: { name: 'Bo', phone: '+1 503 555 0199', interest: 'mugs' } }),
  ],
  'tool/email': [() => ({ to: 'ann@example.com, bob@example.com', subject: 'Shipped', text: 'On its way.' })],
  'tool/payments': [() => ({ action: 'create-payment-link', currency: 'eur' })],
};

/** A node context like the engine's, with fresh local capabilities and an outbox. */
function contextFor(uses: string, sent: EmailMessage[]): NodeContext {
  const capabilities = createLocalCapabilities({
    dataDir: join(examplesDir, 'data'),
    manifestFor: (id) => builtins.find((p) => p.manifest.id === id)?.manifest,
    allowNet: [origin],
  });
  const info = { runId: 'run_1', nodeId: 'step', tenantId: 'acme', uses, workflow: {} as Workflow };
  return {
    runId: info.runId,
    nodeId: info.nodeId,
    tenantId: info.tenantId,
    idempotencyKey: 'run_1:step',
    attempt: 1,
    signal: new AbortController().signal,
    log: () => {},
    ...capabilities(info),
    email: {
      send: async (message) => {
        sent.push(message);
        return { messageId: message.messageId, accepted: message.to, rejected: [], response: '250 OK' };
      },
    },
  };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What a call gave: its JSON output (clock readings blanked), or its error message. */
async function outcome(run: () => Promise<unknown>): Promise<{ value: unknown } | { error: string }> {
  try {
    const value = await run();
    const json = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'string' && ISO_TIME.test(v) ? '<time>' : v,
    );
    return { value: json === undefined ? undefined : JSON.parse(json) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const nodePlugins = builtins.filter((p) => p.manifest.kind === 'node' && !p.manifest.control);

describe('built-in node plugins in the sandbox', () => {
  it('has calls for plugins that exist', () => {
    const ids = nodePlugins.map((p) => p.manifest.id);
    expect(Object.keys(calls).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it.each(nodePlugins.map((p) => [p.manifest.id, p] as const))(
    '%s answers as it does in-process',
    async (id, plugin) => {
      const sandboxed = await resolve(`${id}@${plugin.manifest.version}`);
      // core/code compiles in the host and runs each snippet in the pool itself; the rest run from their bundle.
      if (id !== 'core/code') expect(sandboxed.sha256).toMatch(/^[0-9a-f]{64}$/);
      for (const config of calls[id] ?? [() => ({})]) {
        const inProcessMail: EmailMessage[] = [];
        const sandboxMail: EmailMessage[] = [];
        const expected = await outcome(async () =>
          (plugin as NodePlugin).run(config(), contextFor(id, inProcessMail)),
        );
        const actual = await outcome(() => sandboxed.invoke(config(), contextFor(id, sandboxMail)));
        expect(actual, `${id} with ${JSON.stringify(config())}`).toEqual(expected);
        expect(sandboxMail).toEqual(inProcessMail);
      }
    },
  );

  it('keeps a plugin to the hosts its manifest names, whatever its config says', async () => {
    const payments = await resolve('tool/payments@^1');
    const ctx = contextFor('tool/payments', []);
    await expect(
      payments.invoke(
        {
          action: 'create-payment-link',
          amount: 5,
          currency: 'eur',
          productName: 'x',
          baseUrl: `http://${origin}`,
        },
        {
          ...ctx,
          secrets: { get: async () => 'sk_test' },
        },
      ),
    ).rejects.toThrow(`fetch to '${origin}' is not allowed: tool/payments may only reach api.stripe.com`);
  });
});
