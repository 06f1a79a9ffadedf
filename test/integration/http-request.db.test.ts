/**
 * core/http-request through the host: the plugin runs sandboxed, the host's fetch refuses the
 * host's own network unless the operator allows it (FLOW_FETCH_ALLOW_PRIVATE=true).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../support/test-host.ts';

let api: Server;
let apiUrl: string;
const seen: string[] = [];

const workflow = (url: string) => `id: call-api
nodes:
  - id: call
    uses: core/http-request@^1
    with:
      url: ${url}
      method: POST
      json: { order: "{{ inputs.order }}" }
    next: done
  - id: done
    uses: core/end@^1
    with:
      output: { status: "{{ nodes.call.status }}", echoed: "{{ nodes.call.body.received.order }}" }
`;

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ received: JSON.parse(body || '{}') }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders`;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

async function runOn(host: TestHost) {
  const tenant = await host.signUp('acme');
  await tenant.client.post('/api/workflows', { yaml: workflow(apiUrl) });
  return tenant.client.post('/api/runs', { workflowId: 'call-api', input: { order: 'ORD-1' }, wait: true });
}

describe('HTTP requests from workflows', () => {
  it("never reach the host's own network by default", async () => {
    const host = await startTestHost();
    try {
      const res = await runOn(host);
      expect(res.body.status).toBe('failed');
      expect(res.body.error.message).toMatch(
        /may not reach '127\.0\.0\.1:\d+': it is a private or loopback address/,
      );
      expect(seen).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('reach a private API when the operator allows it', async () => {
    const host = await startTestHost({ config: { allowPrivateNetwork: true } });
    try {
      const res = await runOn(host);
      expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
      expect(res.body.output).toEqual({ status: 200, echoed: 'ORD-1' });
      expect(seen).toEqual(['POST /orders']);
    } finally {
      await host.close();
    }
  });
});
