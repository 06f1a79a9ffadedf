import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, OperationalError } from '../../workflow/errors.ts';
import { createGuardedFetch, isInternalAddress, publicNetworkFetch } from './guarded-fetch.ts';

let server: Server;
let port: number;
const hits: string[] = [];
const hosts_: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    hosts_.push(req.headers.host ?? '');
    if (req.url === '/hop') return res.writeHead(302, { location: '/final' }).end();
    if (req.url === '/escape')
      return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    if (req.url === '/elsewhere')
      return res.writeHead(302, { location: 'http://not-listed.example.test/' }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (req.url === '/big') return res.end('x'.repeat(2048));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ at: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const hosts =
  (...list: string[]) =>
  async () =>
    list;

describe('guarded fetch', () => {
  it('knows the internal address ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(isInternalAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(isInternalAddress(a), a).toBe(false);
  });

  it('refuses loopback and names that resolve to private addresses, by default', async () => {
    const f = createGuardedFetch('core/http-request', hosts('*'), {
      allowPrivateNetwork: false,
      resolve: async () => ['10.0.0.7'],
    });
    await expect(f(`http://127.0.0.1:${port}/x`)).rejects.toThrow(/private or loopback address/);
    await expect(f('http://intranet.example.test/')).rejects.toThrow(
      /may not reach 'intranet\.example\.test': it is a private or loopback address/,
    );
    expect(hits).toEqual([]);
  });

  it('reaches only the hosts the manifest lists', async () => {
    const f = createGuardedFetch('acme/tool', hosts('api.example.test'), { allowPrivateNetwork: true });
    await expect(f(`http://127.0.0.1:${port}/x`)).rejects.toThrow(
      /acme\/tool may not reach '127\.0\.0\.1:\d+' \(its manifest allows api\.example\.test\)/,
    );
  });

  it('follows redirects by hand and checks every hop', async () => {
    const open = createGuardedFetch('core/http-request', hosts(`127.0.0.1:${port}`), {
      allowPrivateNetwork: true,
    });
    expect(JSON.parse((await open(`http://127.0.0.1:${port}/hop`)).body)).toEqual({ at: '/final' });
    await expect(open(`http://127.0.0.1:${port}/elsewhere`)).rejects.toThrow(
      /may not reach 'not-listed\.example\.test'/,
    );
    await expect(open(`http://127.0.0.1:${port}/loop`)).rejects.toThrow(/more than 5 redirects/);
    const anyHost = createGuardedFetch('core/http-request', hosts('*'), {
      allowPrivateNetwork: false,
      // The first hop looks public; the redirect points at the cloud metadata address.
      resolve: async () => ['93.184.216.34'],
      fetchImpl: (async (url: URL, init: RequestInit) =>
        fetch(new URL(url.pathname, `http://127.0.0.1:${port}`), init)) as typeof fetch,
    });
    await expect(anyHost('http://public.example.test/escape')).rejects.toThrow(
      /may not reach '169\.254\.169\.254': it is a private or loopback address/,
    );
  });

  it('caps the size of an answer', async () => {
    const f = createGuardedFetch('core/http-request', hosts('*'), {
      allowPrivateNetwork: true,
      maxResponseBytes: 1024,
    });
    await expect(f(`http://127.0.0.1:${port}/big`)).rejects.toThrow(/larger than 1024 bytes/);
  });

  it('guards model-server calls the same way (a baseUrl in a workflow cannot reach the host)', async () => {
    const closed = publicNetworkFetch('language model call', { allowPrivateNetwork: false });
    await expect(closed(`http://127.0.0.1:${port}/v1/chat/completions`)).rejects.toThrow(
      /language model call may not reach '127\.0\.0\.1:\d+': it is a private or loopback address/,
    );
    const open = publicNetworkFetch('language model call', { allowPrivateNetwork: true });
    expect((await open(`http://127.0.0.1:${port}/v1/models`)).status).toBe(200);
  });
});

/** A name whose first answer is public and every later answer is the host's own loopback. */
function rebindingResolver() {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    return asked.length === 1 ? ['93.184.216.34'] : ['127.0.0.1'];
  };
  return { asked, resolve };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err as Error,
  );

describe('guarded fetch against DNS rebinding', () => {
  it('checks the address it connects to: a name that turns into 127.0.0.1 after the check is refused', async () => {
    const before = hits.length;
    const { asked, resolve } = rebindingResolver();
    const f = createGuardedFetch('core/http-request', hosts('*'), { allowPrivateNetwork: false, resolve });
    const err = await failure(f(`http://rebind.example.test:${port}/secret`));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.message).toMatch(
      /^core\/http-request may not reach 'rebind\.example\.test:\d+': it is a private or loopback address$/,
    );
    expect(asked).toEqual(['rebind.example.test', 'rebind.example.test']);
    expect(hits.length).toBe(before);
  });

  it('guards model-server calls against rebinding too', async () => {
    const before = hits.length;
    const { resolve } = rebindingResolver();
    const llm = publicNetworkFetch('language model call', { allowPrivateNetwork: false, resolve });
    const err = await failure(
      llm(`http://models.example.test:${port}/v1/chat/completions`, { method: 'POST' }),
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.message).toMatch(/language model call may not reach 'models\.example\.test:\d+'/);
    expect(hits.length).toBe(before);
  });

  it('refuses IP literals in every spelling without asking DNS', async () => {
    const before = hits.length;
    const asked: string[] = [];
    const resolve = async (hostname: string) => {
      asked.push(hostname);
      return ['93.184.216.34'];
    };
    const f = createGuardedFetch('core/http-request', hosts('*'), { allowPrivateNetwork: false, resolve });
    for (const host of ['2130706433', '017700000001', '0x7f.0.0.1', '127.1', '[::1]', '[::ffff:127.0.0.1]']) {
      const err = await failure(f(`http://${host}:${port}/literal`));
      expect(err, host).toBeInstanceOf(ForbiddenError);
      expect(err?.message, host).toMatch(/it is a private or loopback address/);
    }
    expect(asked).toEqual([]);
    expect(hits.length).toBe(before);
  });

  it('says so when a name does not resolve', async () => {
    const f = createGuardedFetch('core/http-request', hosts('*'), {
      allowPrivateNetwork: false,
      resolve: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    const err = await failure(f('http://nowhere.example.test/'));
    expect(err).toBeInstanceOf(OperationalError);
    expect(err).toMatchObject({ code: 'fetch-dns' });
    expect(err?.message).toBe("core/http-request: cannot resolve 'nowhere.example.test'");
  });

  it('connects where the resolver points when private networks are allowed (a local model server)', async () => {
    const resolve = async (hostname: string) => (hostname === 'ollama.local.test' ? ['127.0.0.1'] : []);
    const f = createGuardedFetch('acme/tool', hosts(`ollama.local.test:${port}`), {
      allowPrivateNetwork: true,
      resolve,
    });
    expect(JSON.parse((await f(`http://ollama.local.test:${port}/hop`)).body)).toEqual({ at: '/final' });
    const llm = publicNetworkFetch('language model call', { allowPrivateNetwork: true, resolve });
    const res = await llm(`http://ollama.local.test:${port}/api/chat`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ at: '/api/chat' });
    expect(hosts_.at(-1)).toBe(`ollama.local.test:${port}`);
  });
});
