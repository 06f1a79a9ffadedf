/**
 * Fuzzed request bodies and path values: every answer is a 2xx or a 4xx whose body says what was
 * wrong; never a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../runtime/host/http/define-route.ts';
import type { ApiResponse } from '../support/api-client.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';
import { testResolver } from '../support/test-plugins.ts';
import { helloYaml } from '../support/workflow-yaml.ts';

let host: TestHost;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
beforeAll(async () => {
  host = await startTestHost({
    resolverFor: testResolver,
    config: { loginLimit: { max: 10_000, windowMs: 60_000 } },
  });
  owner = await host.signUp('fuzz');
  await owner.client.post('/api/workflows', { yaml: helloYaml('fz') });
});
afterAll(() => host.close());

/** A 2xx, or a 4xx with a code and a message a person can read. */
function wellFormed(res: ApiResponse, what: string): void {
  expect(res.status, `${what} -> ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typeof res.body?.error?.code, what).toBe('string');
    expect(res.body.error.message.length, what).toBeGreaterThan(3);
  }
}

/** The route's path with plausible values: real ids where the fuzz is about the body. */
function concretePath(route: RouteDef): string {
  const values: Record<string, string> = {
    id: 'fz',
    userId: owner.userId,
    version: '1',
    name: 'FUZZ_SECRET',
  };
  return route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => values[p] ?? 'x');
}

/** Bodies that look like the route's body: its own field names with any JSON in them, plus arbitrary JSON. */
function bodies(route: RouteDef) {
  const keys = Object.keys((route.body?.properties as Record<string, unknown>) ?? {});
  const shaped = fc.dictionary(fc.constantFrom(...keys, 'extra'), fc.jsonValue({ maxDepth: 3 }), {
    maxKeys: keys.length + 1,
  });
  return fc.oneof(shaped, fc.jsonValue({ maxDepth: 4 }));
}

// Signing out would end the session the rest of the fuzz uses.
const skip = new Set(['/api/auth/logout', '/api/auth/logout-everywhere']);

describe('fuzzed requests', () => {
  it('bodies: never a 500, always a clear 4xx when refused', async () => {
    const routes = host.app.routes.filter((r) => r.body && !skip.has(r.path));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const path = concretePath(route);
      await fc.assert(
        fc.asyncProperty(bodies(route), async (body) => {
          wellFormed(
            await owner.client.request(route.method.toUpperCase(), path, body),
            `${route.method} ${path} ${JSON.stringify(body)}`,
          );
        }),
        { numRuns: 30 },
      );
    }
  });

  it('malformed JSON, wrong content types and huge bodies get a 4xx', async () => {
    const c = owner.client;
    wellFormed(await c.request('POST', '/api/workflows', undefined, { raw: '{"yaml": ' }), 'truncated JSON');
    wellFormed(
      await c.request('POST', '/api/workflows', undefined, {
        raw: 'yaml=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'form body',
    );
    const huge = await c.request('POST', '/api/workflows', undefined, {
      raw: JSON.stringify({ yaml: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    wellFormed(huge, 'huge body');
  });

  it('dot segments that fetch normalises away still get a JSON error', async () => {
    for (const path of ['/api/plugins/../..', '/api/workflows/../..']) {
      wellFormed(await owner.client.request('DELETE', path), `DELETE ${path}`);
    }
  });

  it('path values: never a 500', async () => {
    const routes = host.app.routes.filter((r) => r.path.includes(':') && !skip.has(r.path));
    const segment = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.uuid(),
      fc.integer().map(String),
      fc.constantFrom('..', '%00', "' OR 1=1 --", 'null'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), segment, async (route, value) => {
        const path = route.path.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(value));
        const body = route.body ? {} : undefined;
        wellFormed(
          await owner.client.request(route.method.toUpperCase(), path, body),
          `${route.method} ${path}`,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('query strings: never a 500', async () => {
    const query = fc.dictionary(
      fc.constantFrom('limit', 'status', 'from', 'to', 'workflowId', 'action', 'x'),
      fc.string({ maxLength: 30 }),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/runs', '/api/audit-log', '/api/workflows/fz/diff'),
        query,
        async (path, q) => {
          const url = `${path}?${new URLSearchParams(q).toString()}`;
          wellFormed(await owner.client.get(url), url);
        },
      ),
      { numRuns: 100 },
    );
  });
});
