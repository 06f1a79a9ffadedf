/**
 * `ctx.fetch` for plugins in the host: only the hosts the manifest lists, never the host's own
 * network (loopback, private, link-local and metadata addresses) unless the operator allows it,
 * redirects followed by hand so every hop is checked again, and a cap on the answer's size. The
 * address checked is the address connected to (guarded-connection.ts), so DNS rebinding cannot
 * slip past the check.
 */
import type { NodeContext } from '../../../registry/sdk/plugin.ts';
import { isUrlAllowed } from '../../sandbox/permissions.ts';
import { ForbiddenError, OperationalError, UserError } from '../../workflow/errors.ts';
import { guardedTransport, type Resolve, resolveAll } from './guarded-connection.ts';
import { isInternalAddress, literalAddress } from './internal-address.ts';

export { isInternalAddress } from './internal-address.ts';

type Fetch = NonNullable<NodeContext['fetch']>;

/** How far plugin requests may reach. */
export interface FetchPolicy {
  /** Let plugins reach loopback and private addresses (a local LLM, an intranet API). Off by default. */
  allowPrivateNetwork: boolean;
  maxRedirects?: number;
  maxResponseBytes?: number;
  timeoutMs?: number;
  /**
   * Name resolution, for both the early check and the connection (tests map names to a loopback
   * server with it). Its answers are checked like the system resolver's, so it cannot open a hole.
   */
  resolve?: Resolve;
  /**
   * Tests only: replaces the guarded transport, so only the checks made before each request apply
   * (manifest hosts, IP literals, the early DNS check) and a rebinding name would not be caught.
   */
  fetchImpl?: typeof fetch;
}

/**
 * Throws unless `url`'s host is a public IP literal or a name that resolves only to public
 * addresses (or the policy allows private ones). This early check gives a clear error before
 * anything is sent; the guarantee is the connection-time check in guarded-connection.ts, which
 * also catches a name whose answer changes after this check.
 */
export async function assertReachable(who: string, url: URL, policy: FetchPolicy): Promise<void> {
  if (policy.allowPrivateNetwork) return;
  const literal = literalAddress(url);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = literal ? [literal] : await (policy.resolve ?? resolveAll)(hostname).catch(() => []);
  if (addresses.length === 0) throw new OperationalError('fetch-dns', `${who}: cannot resolve '${hostname}'`);
  if (addresses.some(isInternalAddress))
    throw new ForbiddenError(`${who} may not reach '${url.host}': it is a private or loopback address`);
}

/**
 * A standard fetch that refuses private and loopback addresses unless the policy allows them,
 * on every connection it opens (redirects it follows included). `fetchImpl` replaces the guarded
 * transport (tests): then only the early check applies.
 */
export function publicNetworkFetch(who: string, policy: FetchPolicy, fetchImpl?: typeof fetch): typeof fetch {
  const transport = fetchImpl ?? guardedTransport(who, policy);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    await assertReachable(who, url, policy);
    return transport(input, init);
  }) as typeof fetch;
}

/** A fetch for one plugin: `allowedHosts` are its manifest's `permissions.net`. */
export function createGuardedFetch(
  uses: string,
  allowedHosts: () => Promise<string[]>,
  policy: FetchPolicy,
): Fetch {
  const maxRedirects = policy.maxRedirects ?? 5;
  const maxBytes = policy.maxResponseBytes ?? 5 * 1024 * 1024;
  const doFetch = policy.fetchImpl ?? guardedTransport(uses, policy);

  async function checkHop(url: URL): Promise<void> {
    const hosts = await allowedHosts();
    if (!isUrlAllowed(url, hosts))
      throw new ForbiddenError(
        `${uses} may not reach '${url.host}' (its manifest allows ${hosts.join(', ') || 'no host'})`,
      );
    await assertReachable(uses, url, policy);
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
