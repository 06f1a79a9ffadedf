/**
 * A `ctx.fetch` for tests, shaped like the sandbox bridge's: real HTTP through the global fetch,
 * but only to loopback addresses, so a test can never reach the internet by mistake.
 */
import type { NodeContext } from '../../registry/sdk/plugin.ts';

/** Every request a test made through the fetch, for assertions. */
export interface FetchLog {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Returns a ctx.fetch that refuses non-loopback hosts, and the log of what it sent. */
export function loopbackFetch(): { fetch: NonNullable<NodeContext['fetch']>; sent: FetchLog[] } {
  const sent: FetchLog[] = [];
  const fetchFn: NonNullable<NodeContext['fetch']> = async (url, init = {}) => {
    const { hostname } = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname))
      throw new Error(`loopbackFetch: refusing non-loopback host ${hostname}`);
    const method = init.method ?? 'GET';
    const headers = init.headers ?? {};
    sent.push({ url, method, headers, body: init.body });
    const response = await fetch(url, { method, headers, body: init.body });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };
  return { fetch: fetchFn, sent };
}

/** A ctx.secrets over a plain map. */
export function staticSecrets(values: Record<string, string>): NonNullable<NodeContext['secrets']> {
  return { get: async (name) => values[name] };
}
