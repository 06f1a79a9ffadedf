/**
 * The connection side of the fetch guard. Every socket a guarded request opens (each redirect hop
 * included) resolves its host name here, is refused when any answer is an internal address, and
 * connects to exactly the addresses that were checked. A name whose DNS answer changes after an
 * earlier check (DNS rebinding) therefore cannot reach the host's own network.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { ForbiddenError, OperationalError } from '../../workflow/errors.ts';
import { isInternalAddress } from './internal-address.ts';

/** Resolves a host name to all of its addresses. */
export type Resolve = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, as Node's own connections use). */
export const resolveAll: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true })).map((a) => a.address);

/** Why a connection was not opened: its name did not resolve, or it points into the host's network. */
export class RefusedConnection extends Error {
  readonly hostname: string;
  readonly reason: 'unresolved' | 'internal';
  constructor(hostname: string, reason: 'unresolved' | 'internal') {
    super(`connection to '${hostname}' refused: ${reason}`);
    this.hostname = hostname;
    this.reason = reason;
  }
}

/** A `net.connect` lookup that hands the socket only addresses it has checked. */
export function checkedLookup(resolve: Resolve, allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const answer = async () => {
      const found = await resolve(hostname).catch(() => [] as string[]);
      if (!allowPrivateNetwork && found.some(isInternalAddress))
        throw new RefusedConnection(hostname, 'internal');
      const usable = found.filter((a) => isIP(a) !== 0 && (!family || isIP(a) === family));
      if (usable.length === 0) throw new RefusedConnection(hostname, 'unresolved');
      return usable;
    };
    answer().then(
      (addresses) =>
        options.all
          ? callback(
              null,
              addresses.map((address) => ({ address, family: isIP(address) })),
            )
          : callback(null, addresses[0]!, isIP(addresses[0]!)),
      (err: RefusedConnection) => callback(err, ''),
    );
  };
}

function createAgent(resolve: Resolve, allowPrivateNetwork: boolean): Agent {
  const connector = buildConnector({ lookup: checkedLookup(resolve, allowPrivateNetwork) });
  return new Agent({
    connect(options, callback) {
      // Node skips the lookup for IP literals, so they are checked here (redirect targets included).
      const hostname = options.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivateNetwork && isIP(hostname) && isInternalAddress(hostname))
        return callback(new RefusedConnection(hostname, 'internal'), null);
      connector(options, callback);
    },
  });
}

// One agent per resolver and policy, so connections are pooled across calls as with global fetch.
const agents = new WeakMap<Resolve, Map<boolean, Agent>>();
function agentFor(resolve: Resolve, allowPrivateNetwork: boolean): Agent {
  const byPolicy = agents.get(resolve) ?? new Map<boolean, Agent>();
  agents.set(resolve, byPolicy);
  const agent = byPolicy.get(allowPrivateNetwork) ?? createAgent(resolve, allowPrivateNetwork);
  byPolicy.set(allowPrivateNetwork, agent);
  return agent;
}

/** The error `who` sees for a refused connection; any other error unchanged. */
export function explainRefusal(who: string, url: URL, err: unknown): unknown {
  const cause = err instanceof RefusedConnection ? err : (err as { cause?: unknown } | null)?.cause;
  if (!(cause instanceof RefusedConnection)) return err;
  const sameHost = cause.hostname === url.hostname.replace(/^\[|\]$/g, '');
  if (cause.reason === 'unresolved')
    return new OperationalError('fetch-dns', `${who}: cannot resolve '${cause.hostname}'`);
  return new ForbiddenError(
    `${who} may not reach '${sameHost ? url.host : cause.hostname}': it is a private or loopback address`,
  );
}

/**
 * A standard fetch whose connections are checked as they are made (see the module comment).
 * `resolve` decides where a name connects; its answers are checked like the system resolver's.
 */
export function guardedTransport(
  who: string,
  policy: { allowPrivateNetwork: boolean; resolve?: Resolve },
): typeof fetch {
  const dispatcher = agentFor(policy.resolve ?? resolveAll, policy.allowPrivateNetwork);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    // undici's fetch does not know the global Request class; pass its parts instead.
    const request =
      input instanceof Request
        ? {
            method: input.method,
            headers: input.headers,
            body: input.body ? await input.arrayBuffer() : undefined,
            redirect: input.redirect,
            signal: input.signal,
          }
        : {};
    try {
      const options = { ...request, ...init, dispatcher } as Parameters<typeof undiciFetch>[1];
      // Same shape as the global Response (undici is Node's own fetch); only the class differs.
      return (await undiciFetch(url, options)) as unknown as Response;
    } catch (err) {
      throw explainRefusal(who, url, err);
    }
  }) as typeof fetch;
}
