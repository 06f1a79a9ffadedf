/**
 * `ctx.fetch` for plugins in the host: only the hosts the manifest lists, never the host's own
 * network (loopback, private, link-local and metadata addresses) unless the operator allows it,
 * redirects followed by hand so every hop is checked again, and a cap on the answer's size.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { NodeContext } from '../../../registry/sdk/plugin.ts';
import { isUrlAllowed } from '../../sandbox/permissions.ts';
import { ForbiddenError, OperationalError, UserError } from '../../workflow/errors.ts';

type Fetch = NonNullable<NodeContext['fetch']>;

/** How far plugin requests may reach. */
export interface FetchPolicy {
  /** Let plugins reach loopback and private addresses (a local LLM, an intranet API). Off by default. */
  allowPrivateNetwork: boolean;
  maxRedirects?: number;
  maxResponseBytes?: number;
  timeoutMs?: number;
  /** Injected in tests: name resolution and the underlying fetch. */
  resolve?: (hostname: string) => Promise<string[]>;
  fetchImpl?: typeof fetch;
}

const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

/** Whether an IP address belongs to the host's own or a private network. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Throws unless `url`'s host resolves only to public addresses (or the policy allows private ones). */
export async function assertReachable(who: string, url: URL, policy: FetchPolicy): Promise<void> {
  if (policy.allowPrivateNetwork) return;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(hostname)
    ? [hostname]
    : await (policy.resolve ?? resolveAll)(hostname).catch(() => []);
  if (addresses.length === 0) throw new OperationalError('fetch-dns', `${who}: cannot resolve '${hostname}'`);
  if (addresses.some(isInternalAddress))
    throw new ForbiddenError(`${who} may not reach '${url.host}': it is a private or loopback address`);
}

/** A standard fetch that refuses private and loopback addresses unless the policy allows them. */
export function publicNetworkFetch(
  who: string,
  policy: FetchPolicy,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    await assertReachable(who, url, policy);
    return fetchImpl(input, init);
  }) as typeof fetch;
}

const resolveAll = async (hostname: string) => (await lookup(hostname, { all: true })).map((a) => a.address);

/** A fetch for one plugin: `allowedHosts` are its manifest's `permissions.net`. */
export function createGuardedFetch(
  uses: string,
  allowedHosts: () => Promise<string[]>,
  policy: FetchPolicy,
): Fetch {
  const maxRedirects = policy.maxRedirects ?? 5;
  const maxBytes = policy.maxResponseBytes ?? 5 * 1024 * 1024;
  const resolve = policy.resolve ?? resolveAll;
  const doFetch = policy.fetchImpl ?? fetch;

  async function checkHop(url: URL): Promise<void> {
    const hosts = await allowedHosts();
    if (!isUrlAllowed(url, hosts))
      throw new ForbiddenError(
        `${uses} may not reach '${url.host}' (its manifest allows ${hosts.join(', ') || 'no host'})`,
      );
    await assertReachable(uses, url, { ...policy, resolve });
  }

  return async function guardedFetch(rawUrl, init = {}) {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new UserError('invalid-url', `${uses}: '${rawUrl}' is not a URL`);
    }
    const signal = AbortSignal.timeout(policy.timeoutMs ?? 30_000);
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop++) {
      await checkHop(url);
      const res = await doFetch(url, { method, headers: init.headers, body, redirect: 'manual', signal });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= maxRedirects)
          throw new OperationalError(
            'too-many-redirects',
            `${uses}: more than ${maxRedirects} redirects from ${rawUrl}`,
          );
        url = new URL(location, url);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > maxBytes)
        throw new UserError(
          'response-too-large',
          `${uses}: the answer from ${url.host} is larger than ${maxBytes} bytes`,
        );
      const text = await res.text();
      if (Buffer.byteLength(text) > maxBytes)
        throw new UserError(
          'response-too-large',
          `${uses}: the answer from ${url.host} is larger than ${maxBytes} bytes`,
        );
      return { status: res.status, headers: Object.fromEntries(res.headers), body: text };
    }
  };
}
