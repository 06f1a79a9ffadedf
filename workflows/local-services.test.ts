import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginManifest } from '../registry/sdk/plugin.ts';
import { ForbiddenError, NotFoundError, UserError } from '../runtime/workflow/errors.ts';
import type { Workflow } from '../runtime/workflow/types.ts';
import { createLocalCapabilities, hostAllowed } from './local-services.ts';

const dataDir = join(import.meta.dirname, 'data');
const workflow: Workflow = { id: 'test', nodes: [] };
const call = (uses: string, tenantId = 'acme') => ({ runId: 'r1', nodeId: 'n1', tenantId, uses, workflow });

let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.method} ${req.url}`),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createLocalCapabilities', () => {
  it('reads JSON and YAML assets from the data folder and nothing outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flow-assets-'));
    await writeFile(join(dir, 'kb.yaml'), 'entries:\n  - id: a\n    title: Hours\n');
    const { assets } = createLocalCapabilities({ dataDir: dir })(call('core/knowledge-search@^1'));
    expect(await assets!.read('kb.yaml')).toEqual({ entries: [{ id: 'a', title: 'Hours' }] });
    await expect(assets!.read('../etc/passwd.json')).rejects.toThrow(ForbiddenError);
    await expect(assets!.read('missing.json')).rejects.toThrow(NotFoundError);
    await expect(assets!.read('notes.txt')).rejects.toThrow(UserError);
  });

  it('hands each reader its own copy of an asset', async () => {
    const { assets } = createLocalCapabilities({ dataDir })(call('core/entities'));
    const first = (await assets!.read('faq.json')) as { entries: unknown[] };
    first.entries.length = 0;
    expect(
      ((await assets!.read('faq.json')) as { entries: unknown[] }).entries.length,
    ).toBeGreaterThanOrEqual(30);
  });

  it('queries seeded tables with equality filters, text ignoring case', async () => {
    const { data } = createLocalCapabilities({ dataDir })(call('core/data'));
    const rows = await data!.query('orders', { id: 'ord-10002' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'ORD-10002', status: 'shipped', customerId: 'CUS-10001' });
    expect(await data!.query('orders', { customerId: 'CUS-10002', status: 'shipped' })).toHaveLength(1);
    expect(await data!.query('orders', { id: null })).toEqual([]);
    expect(await data!.query('leads')).toEqual([]);
  });

  it('inserts with the next id in the series and updates rows, per tenant', async () => {
    const capabilities = createLocalCapabilities({ dataDir });
    const { data } = capabilities(call('core/data'));
    const order = await data!.insert('orders', { customerId: 'CUS-10005', status: 'pending', total: 14 });
    expect(order.id).toBe('ORD-10009');
    expect((await data!.insert('orders', { status: 'pending' })).id).toBe('ORD-10010');
    expect((await data!.insert('leads', { name: 'Zoe' })).id).toBe('LEAD-10001');
    expect(await data!.update('orders', 'ORD-10009', { status: 'paid', id: 'HACK' })).toMatchObject({
      id: 'ORD-10009',
      status: 'paid',
      total: 14,
    });
    expect(await data!.query('orders', { status: 'paid' })).toHaveLength(1);
    await expect(data!.update('orders', 'ORD-99999', {})).rejects.toThrow(NotFoundError);
    await expect(data!.insert('orders', { id: 'ORD-10001' })).rejects.toThrow(/already has a row/);
    // Another tenant starts from the seed, untouched by the first one's changes.
    const other = capabilities(call('core/data', 'globex')).data!;
    expect(await other.query('orders', { status: 'paid' })).toEqual([]);
    await expect(data!.query('../secrets', {})).rejects.toThrow(/table name/);
  });

  it('keeps kv values per tenant', async () => {
    const capabilities = createLocalCapabilities({ dataDir });
    const acme = capabilities(call('core/kv')).kv!;
    await acme.set('cart', { items: 1 });
    expect(await acme.get('cart')).toEqual({ items: 1 });
    expect(await capabilities(call('core/kv', 'globex')).kv!.get('cart')).toBeUndefined();
    await acme.delete('cart');
    expect(await acme.get('cart')).toBeUndefined();
  });

  it('grants only what a manifest declares when manifests are known', async () => {
    const manifests: Record<string, PluginManifest> = {
      'core/data': {
        id: 'core/data',
        version: '1.0.0',
        kind: 'node',
        title: 'Data',
        description: '',
        permissions: { data: ['orders'] },
      },
      'core/template': { id: 'core/template', version: '1.0.0', kind: 'node', title: 'T', description: '' },
    };
    const capabilities = createLocalCapabilities({
      dataDir,
      manifestFor: (id) => manifests[id],
      allowNet: ['*'],
      secrets: { KEY: 's' },
    });
    const plain = capabilities(call('core/template@^1'));
    expect(plain.data).toBeUndefined();
    expect(plain.kv).toBeUndefined();
    expect(plain.fetch).toBeUndefined();
    expect(plain.secrets).toBeUndefined();
    const data = capabilities(call('core/data@^1')).data!;
    expect(await data.query('orders', { id: 'ORD-10001' })).toHaveLength(1);
    await expect(data.query('customers')).rejects.toThrow(/may not use table 'customers'/);
  });

  it('fetches for real only from hosts the caller and the manifest allow', async () => {
    const host = new URL(origin).host;
    const manifest: PluginManifest = {
      id: 'core/http-request',
      version: '1.0.0',
      kind: 'node',
      title: 'H',
      description: '',
      permissions: { net: ['*'] },
    };
    const offline = createLocalCapabilities({ dataDir, manifestFor: () => manifest })(
      call('core/http-request'),
    );
    expect(offline.fetch).toBeUndefined();
    const online = createLocalCapabilities({ dataDir, manifestFor: () => manifest, allowNet: [host] })(
      call('core/http-request'),
    );
    expect(await online.fetch!(`${origin}/ping`, { method: 'POST' })).toMatchObject({
      status: 200,
      body: 'hello POST /ping',
    });
    await expect(online.fetch!('http://example.com/')).rejects.toThrow(ForbiddenError);
    await expect(online.fetch!('file:///etc/passwd')).rejects.toThrow(ForbiddenError);
  });

  it('matches host patterns with wildcards and ports', () => {
    expect(hostAllowed('*.example.com', 'api.example.com', '443')).toBe(true);
    expect(hostAllowed('*.example.com', 'example.com.evil.io', '443')).toBe(false);
    expect(hostAllowed('127.0.0.1:8080', '127.0.0.1', '8080')).toBe(true);
    expect(hostAllowed('127.0.0.1:8080', '127.0.0.1', '9090')).toBe(false);
    expect(hostAllowed('API.example.com', 'api.example.com', '80')).toBe(true);
  });
});
