import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { CancelledError, NodeError, OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import http, { withQuery } from './index.ts';

let server: Server;
let origin = '';
const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url?.startsWith('/orders/ORD-1')) {
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ id: 'ORD-1', status: 'shipped' }));
      } else if (req.url === '/echo')
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      else if (req.url === '/busy') res.writeHead(503).end('try later');
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such order');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A real fetch over loopback, shaped like the capability the host grants. */
const realFetch: NonNullable<NodeContext['fetch']> = async (url, init) => {
  const res = await fetch(url, init);
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
};
const ctx = (extra: Partial<NodeContext> = {}): NodeContext =>
  testContext({ nodeId: 'call', idempotencyKey: 'run1:call', fetch: realFetch, ...extra });

describe('core/http-request', () => {
  it('GETs JSON with query parameters and parses the answer', async () => {
    const out = await http.run(
      { url: `${origin}/orders/ORD-1`, query: { expand: 'items', tag: ['a b', 'c'] } },
      ctx(),
    );
    expect(out).toMatchObject({
      status: 200,
      ok: true,
      branch: 'success',
      body: { id: 'ORD-1', status: 'shipped' },
    });
    expect(out.headers['content-type']).toBe('application/json');
    expect(seen.at(-1)?.url).toBe('/orders/ORD-1?expand=items&tag=a%20b&tag=c');
  });

  it('POSTs a JSON body with its content type and a stable idempotency key', async () => {
    const out = await http.run(
      { method: 'post', url: `${origin}/echo`, json: { name: 'Ann' }, headers: { 'x-api': '1' } },
      ctx(),
    );
    expect(out).toMatchObject({ status: 201, body: { name: 'Ann' } });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api': '1', 'idempotency-key': 'run1:call' },
    });
  });

  it('fails retryably on 5xx and for good on 4xx, unless told to go on', async () => {
    await expect(http.run({ url: `${origin}/busy` }, ctx())).rejects.toThrow(OperationalError);
    const notFound = http.run({ url: `${origin}/nope` }, ctx());
    await expect(notFound).rejects.toThrow(NodeError);
    await expect(http.run({ url: `${origin}/nope` }, ctx())).rejects.toThrow(/answered 404: no such order/);
    const out = await http.run({ url: `${origin}/nope`, failOnError: false }, ctx());
    expect(out).toMatchObject({ status: 404, ok: false, branch: 'error', body: 'no such order' });
  });

  it('refuses to run without network permission or with a bad url', async () => {
    await expect(http.run({ url: `${origin}/orders/ORD-1` }, ctx({ fetch: undefined }))).rejects.toThrow(
      /no network access/,
    );
    await expect(http.run({ url: 'ftp://example.com' }, ctx())).rejects.toThrow(UserError);
    await expect(http.run({ url: `${origin}/x`, method: 'FETCH' }, ctx())).rejects.toThrow(/unknown method/);
  });

  it('stops waiting when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = http.run({ url: `${origin}/slow` }, ctx({ signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toThrow(CancelledError);
  });

  it('appends query parameters to urls that already have some', () => {
    expect(withQuery('https://a.example/x?y=1#top', { q: 'é' })).toBe('https://a.example/x?y=1&q=%C3%A9#top');
    expect(withQuery('https://a.example/x', { skip: null })).toBe('https://a.example/x');
  });
});
