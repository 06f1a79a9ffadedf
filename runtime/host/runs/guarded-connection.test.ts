import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, OperationalError } from '../../workflow/errors.ts';
import { checkedLookup, guardedTransport, RefusedConnection } from './guarded-connection.ts';

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('inside');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** What a lookup hands the socket, or the error it refuses with. */
function ask(lookup: LookupFunction, options: { all?: boolean; family?: number }) {
  return new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
    lookup('api.example.test', options, (err, address, family) => resolve({ err, address, family })),
  );
}

const answers =
  (...list: string[]) =>
  async () =>
    list;

describe('connection-time lookup', () => {
  it('hands the socket exactly the checked addresses, in either lookup form', async () => {
    const lookup = checkedLookup(answers('93.184.216.34', '2606:2800:220:1::1'), false);
    expect(await ask(lookup, { all: true })).toEqual({
      err: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await ask(lookup, {})).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    expect(await ask(lookup, { family: 6 })).toEqual({ err: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses a name when any of its answers is internal', async () => {
    const { err } = await ask(checkedLookup(answers('93.184.216.34', '169.254.169.254'), false), {
      all: true,
    });
    expect(err).toBeInstanceOf(RefusedConnection);
    expect(err).toMatchObject({ hostname: 'api.example.test', reason: 'internal' });
    const open = await ask(checkedLookup(answers('127.0.0.1'), true), { all: true });
    expect(open.address).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('reports a name without usable answers as unresolved', async () => {
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect((await ask(checkedLookup(failing, false), {})).err).toMatchObject({ reason: 'unresolved' });
    expect((await ask(checkedLookup(answers('93.184.216.34'), false), { family: 6 })).err).toMatchObject({
      reason: 'unresolved',
    });
  });
});

describe('guarded transport', () => {
  it('refuses internal IP literals when connecting, even without an earlier check', async () => {
    const before = hits.length;
    const transport = guardedTransport('language model call', { allowPrivateNetwork: false });
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]']) {
      const err = await transport(`http://${host}:${port}/`).catch((e: unknown) => e as Error);
      expect(err, host).toBeInstanceOf(ForbiddenError);
      expect((err as Error).message).toMatch(/^language model call may not reach '.+:\d+': it is a private/);
    }
    expect(hits.length).toBe(before);
  });

  it('reaches loopback when private networks are allowed', async () => {
    const open = guardedTransport('language model call', { allowPrivateNetwork: true });
    expect(await (await open(`http://127.0.0.1:${port}/plain`)).text()).toBe('inside');
  });

  it('turns an unresolvable name into fetch-dns', async () => {
    const transport = guardedTransport('language model call', {
      allowPrivateNetwork: false,
      resolve: answers(),
    });
    const err = await transport('http://nowhere.example.test/').catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(OperationalError);
    expect(err).toMatchObject({
      code: 'fetch-dns',
      message: "language model call: cannot resolve 'nowhere.example.test'",
    });
  });
});
