/**
 * core/http-request: calls an HTTP API through the capability the host grants (`ctx.fetch`), which
 * only reaches hosts the tenant allowed. The engine applies the node's timeout and retry policy;
 * 5xx and 429 answers throw a retryable error so `retry:` works as a builder expects.
 */
import { definePlugin, type NodeContext, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { NodeError, OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { untilAborted } from '../node-kit/until-aborted.ts';

/** The node's `with:` block. */
export interface HttpRequestConfig {
  method?: string;
  url?: string;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
  json?: unknown;
  responseType?: 'auto' | 'json' | 'text';
  failOnError?: boolean;
}

/** What the node reports. */
export interface HttpRequestOutput {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  body: unknown;
  branch: 'success' | 'error';
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The URL with `query` appended; built by hand because sandboxes have no URL class. */
export function withQuery(url: string, query: Record<string, unknown> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map(
        (item) => `${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`,
      ),
    );
  if (pairs.length === 0) return url;
  const [path, hash] = url.split('#', 2) as [string, string | undefined];
  const joined = `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** Header names lowercased, so `content-type` is found however the server spelled it. */
function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The request body and any content-type it implies. */
function requestBody(config: HttpRequestConfig): { body?: string; contentType?: string } {
  if (config.json !== undefined)
    return { body: JSON.stringify(config.json), contentType: 'application/json' };
  if (config.body === undefined || config.body === null) return {};
  if (typeof config.body === 'string') return { body: config.body };
  return { body: JSON.stringify(config.body), contentType: 'application/json' };
}

/** Parses the answer as JSON when asked or when the server says it is JSON. */
function parseBody(
  text: string,
  headers: Record<string, string>,
  type: HttpRequestConfig['responseType'],
  nodeId: string,
): unknown {
  const isJson = type === 'json' || (type !== 'text' && /\bjson\b/i.test(headers['content-type'] ?? ''));
  if (!isJson || text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    if (type === 'json')
      throw new NodeError(
        'http-bad-json',
        `http-request: the answer is not valid JSON: ${text.slice(0, 120)}`,
        { nodeId },
      );
    return text;
  }
}

const plugin: NodePlugin<HttpRequestConfig, Promise<HttpRequestOutput>> = definePlugin({
  manifest: {
    id: 'core/http-request',
    version: '1.0.0',
    kind: 'node',
    title: 'HTTP request',
    description:
      'Calls a web API. Only hosts your workspace allows can be reached. "json" sends a JSON body; JSON answers are ' +
      'parsed. With "fail on error" (default), 5xx and 429 answers fail the node so retry can try again, and 4xx ' +
      'answers fail it for good; without it, any status goes on through the "error" branch. Requests other than GET ' +
      'carry an Idempotency-Key header that stays the same across retries.',
    category: 'Integrations',
    icon: 'globe',
    config: {
      type: 'object',
      properties: {
        method: { type: 'string', title: 'Method', enum: METHODS, default: 'GET' },
        url: {
          type: 'string',
          title: 'URL',
          description: 'The full address, e.g. https://api.example.com/orders/{{ nodes.extract.orderId }}.',
        },
        query: {
          type: 'object',
          title: 'Query parameters',
          description: 'Added to the URL, encoded.',
          additionalProperties: true,
        },
        headers: { type: 'object', title: 'Headers', additionalProperties: { type: 'string' } },
        json: { title: 'JSON body', description: 'Sent as JSON with content-type application/json.' },
        body: {
          title: 'Raw body',
          description: 'Sent as is when text, as JSON otherwise. Ignored when JSON body is set.',
        },
        responseType: {
          type: 'string',
          title: 'Answer type',
          description: 'auto parses JSON when the server says so; json always parses; text never does.',
          enum: ['auto', 'json', 'text'],
          default: 'auto',
        },
        failOnError: {
          type: 'boolean',
          title: 'Fail on error',
          description: 'Fail the node on 4xx/5xx answers.',
          default: true,
        },
      },
      required: ['url'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        ok: { type: 'boolean', description: 'True for 2xx answers.' },
        headers: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Lowercased header names.',
        },
        body: { description: 'Parsed JSON, or text.' },
        branch: { type: 'string', enum: ['success', 'error'] },
      },
      required: ['status', 'ok', 'headers', 'body', 'branch'],
    },
    branches: ['success', 'error'],
    sideEffects: true,
    // Any host may be asked for; the host grants only those the tenant allows for this workflow.
    permissions: { net: ['*'] },
    examples: [
      {
        title: 'Look up an order',
        with: { url: 'https://api.example.com/orders/ORD-12345', headers: { accept: 'application/json' } },
      },
    ],
  },
  async run(config, ctx: NodeContext) {
    if (typeof config.url !== 'string' || !/^https?:\/\/[^/\s]+/i.test(config.url)) {
      throw new UserError(
        'invalid-config',
        `http-request (${ctx.nodeId}): "url" must start with http:// or https://, got ${JSON.stringify(config.url)}`,
      );
    }
    const method = (config.method ?? 'GET').toUpperCase();
    if (!METHODS.includes(method))
      throw new UserError(
        'invalid-config',
        `http-request (${ctx.nodeId}): unknown method "${config.method}"`,
      );
    if (!ctx.fetch) {
      throw new NodeError(
        'missing-capability',
        `http-request: no network access was granted to node "${ctx.nodeId}"; allow the host in the workspace settings`,
        { nodeId: ctx.nodeId },
      );
    }
    const { body, contentType } = requestBody(config);
    const headers: Record<string, string> = {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(config.headers ?? {}),
    };
    if (ctx.idempotencyKey && method !== 'GET' && method !== 'HEAD')
      headers['idempotency-key'] ??= ctx.idempotencyKey;
    const url = withQuery(config.url, config.query);
    const response = await Promise.race([
      ctx.fetch(url, { method, headers, body }),
      untilAborted(ctx.signal),
    ]);
    const responseHeaders = lowerKeys(response.headers);
    const ok = response.status >= 200 && response.status < 300;
    const parsed = parseBody(response.body, responseHeaders, config.responseType, ctx.nodeId);
    if (!ok && config.failOnError !== false) {
      const message = `http-request: ${method} ${config.url} answered ${response.status}: ${response.body.slice(0, 200)}`;
      if (response.status >= 500 || response.status === 429)
        throw new OperationalError('http-status', message, { nodeId: ctx.nodeId, status: response.status });
      throw new NodeError('http-status', message, { nodeId: ctx.nodeId, status: response.status });
    }
    return {
      status: response.status,
      ok,
      headers: responseHeaders,
      body: parsed,
      branch: ok ? 'success' : 'error',
    };
  },
});

export default plugin;
