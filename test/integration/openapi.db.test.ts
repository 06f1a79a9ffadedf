/**
 * The OpenAPI document lists every route, and a walk through every route gets answers whose status
 * is declared and whose body matches the declared schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginPackage } from '../../registry/plugin-package.ts';
import { openApiPath } from '../../runtime/host/http/openapi.ts';
import { createAjv } from '../../runtime/host/http/validate-input.ts';
import type { ApiResponse } from '../support/api-client.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';
import { oneNodeYaml, testResolver } from '../support/test-plugins.ts';
import { helloYaml } from '../support/workflow-yaml.ts';

let host: TestHost;
let doc: {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: { 'application/json': { schema: object } } }> }>
  >;
};
beforeAll(async () => {
  host = await startTestHost({ resolverFor: testResolver });
  doc = (await host.client().get('/api/openapi.json')).body;
});
afterAll(() => host.close());

const ajv = createAjv();
const seen = new Set<string>();

/** Checks one answer against the document and remembers the route as covered. */
function conforms(method: string, path: string, res: ApiResponse): ApiResponse {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} is in the document`).toBeDefined();
  const spec = op!.responses[String(res.status)];
  expect(
    spec,
    `${method.toUpperCase()} ${path} answered ${res.status} ${JSON.stringify(res.body)}, which is not declared`,
  ).toBeDefined();
  const schema = spec!.content?.['application/json']?.schema;
  if (schema) {
    const validate = ajv.compile(schema);
    expect(validate(res.body), `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(
      true,
    );
  }
  seen.add(`${method} ${path}`);
  return res;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route the app serves', () => {
    expect(doc).toMatchObject({ openapi: '3.1.0' });
    for (const route of host.app.routes)
      expect(
        doc.paths[openApiPath(route.path)]?.[route.method],
        `${route.method} ${route.path}`,
      ).toBeDefined();
  });

  it('matches every answer of a walk through every route', async () => {
    const c = host.client();
    const call = async (method: string, template: string, url: string, body?: unknown) =>
      conforms(method, template, await c.request(method.toUpperCase(), url, body));
    await call('get', '/healthz', '/healthz');
    await call('get', '/readyz', '/readyz');
    await call('get', '/api/auth/me', '/api/auth/me');
    const signup = await call('post', '/api/auth/signup', '/api/auth/signup', {
      email: 'doc@example.test',
      password: 'doc password',
      name: 'Doc',
      tenantName: 'Docs',
    });
    await call('post', '/api/auth/login', '/api/auth/login', {
      email: 'doc@example.test',
      password: 'doc password',
    });
    await call('get', '/api/auth/me', '/api/auth/me');
    await call('get', '/api/members', '/api/members');
    const inv = await call('post', '/api/invitations', '/api/invitations', {
      email: 'friend@example.test',
      role: 'builder',
    });
    await call('get', '/api/invitations', '/api/invitations');
    const friend = host.client();
    const joined = conforms(
      'post',
      '/api/invitations/accept',
      await friend.post('/api/invitations/accept', {
        token: inv.body.token,
        password: 'friend password',
        name: 'Friend',
      }),
    );
    await call('patch', '/api/members/{userId}', `/api/members/${joined.body.user.id}`, { role: 'viewer' });
    await call('delete', '/api/members/{userId}', `/api/members/${joined.body.user.id}`);
    const inv2 = await call('post', '/api/invitations', '/api/invitations', {
      email: 'other@example.test',
      role: 'viewer',
    });
    await call('delete', '/api/invitations/{id}', `/api/invitations/${inv2.body.invitation.id}`);
    const key = await call('post', '/api/api-keys', '/api/api-keys', { name: 'k', scopes: ['runs:read'] });
    await call('get', '/api/api-keys', '/api/api-keys');
    await call('delete', '/api/api-keys/{id}', `/api/api-keys/${key.body.apiKey.id}`);
    await call('put', '/api/secrets/{name}', '/api/secrets/API_TOKEN', { value: 'secret value 1234' });
    await call('get', '/api/secrets', '/api/secrets');
    await call('post', '/api/secrets/rotate', '/api/secrets/rotate');
    await call('delete', '/api/secrets/{name}', '/api/secrets/API_TOKEN');
    await call('post', '/api/workflows', '/api/workflows', { yaml: helloYaml('doc') });
    await call('post', '/api/workflows', '/api/workflows', { yaml: 'id: [' });
    await call('get', '/api/workflows', '/api/workflows');
    await call('get', '/api/workflows/{id}', '/api/workflows/doc');
    await call('put', '/api/workflows/{id}', '/api/workflows/doc', {
      yaml: helloYaml('doc', 'v2'),
      baseVersion: 1,
    });
    await call('put', '/api/workflows/{id}', '/api/workflows/doc', {
      yaml: helloYaml('doc', 'v3'),
      baseVersion: 1,
    });
    await call('get', '/api/workflows/{id}/versions', '/api/workflows/doc/versions');
    await call('get', '/api/workflows/{id}/versions/{version}', '/api/workflows/doc/versions/1');
    await call('get', '/api/workflows/{id}/diff', '/api/workflows/doc/diff?from=1&to=2');
    await call(
      'post',
      '/api/workflows/{id}/versions/{version}/publish',
      '/api/workflows/doc/versions/2/publish',
    );
    const done = await call('post', '/api/runs', '/api/runs', {
      workflowId: 'doc',
      version: 'published',
      wait: true,
    });
    await call('post', '/api/workflows', '/api/workflows', { yaml: oneNodeYaml('slow', 'test/wait@^1') });
    const started = await call('post', '/api/runs', '/api/runs', { workflowId: 'slow' });
    await call('get', '/api/runs', '/api/runs?status=completed');
    await call('get', '/api/runs/{id}', `/api/runs/${done.body.runId}`);
    await call('post', '/api/runs/{id}/cancel', `/api/runs/${started.body.runId}/cancel`);
    await call('post', '/api/runs/{id}/cancel', `/api/runs/${done.body.runId}/cancel`);
    const pkg = createPluginPackage(
      { id: 'docs/echo', version: '1.0.0', kind: 'node', title: 'Echo', description: 'Echoes its config' },
      'export default { run: (c) => c };',
    );
    await call('post', '/api/registry/plugins', '/api/registry/plugins', pkg);
    await call('post', '/api/registry/plugins', '/api/registry/plugins', pkg);
    await call('post', '/api/registry/plugins', '/api/registry/plugins', { ...pkg, source: 'changed' });
    await call('get', '/api/registry/plugins', '/api/registry/plugins?q=echo');
    await call('post', '/api/plugins/install', '/api/plugins/install', { id: 'docs/echo', version: '^1' });
    await call('post', '/api/plugins/install', '/api/plugins/install', { id: 'docs/missing' });
    await call('post', '/api/plugins/upgrade', '/api/plugins/upgrade', { id: 'docs/echo' });
    await call('post', '/api/registry/dev', '/api/registry/dev', {
      manifest: pkg.manifest,
      source: pkg.source,
    });
    await call('get', '/api/plugins', '/api/plugins');
    await call('delete', '/api/plugins/{scope}/{name}', '/api/plugins/docs/echo');
    await call('delete', '/api/plugins/{scope}/{name}', '/api/plugins/docs/echo');
    // A router as routed LLM calls leave it (those need a model server; see runtime/host/llm).
    await host.database.adminDb
      .insertInto('router_states')
      .values({
        tenant_id: signup.body.tenant.id,
        key: 'doc:ask',
        strategy: 'router/thompson',
        config: '{}',
        arms: JSON.stringify([{ id: 'small' }, { id: 'large', quality: 0.8 }]),
        state: '{}',
      })
      .execute();
    await call('post', '/api/routers/{key}/outcomes', '/api/routers/doc:ask/outcomes', {
      arm: 'large',
      success: true,
      score: 0.9,
    });
    await call('post', '/api/routers/{key}/outcomes', '/api/routers/doc:missing/outcomes', {
      arm: 'large',
      success: true,
    });
    await call('post', '/api/routers/{key}/outcomes', '/api/routers/doc:ask/outcomes', { arm: 'x' });
    await call('get', '/api/routers', '/api/routers');
    await call('get', '/api/audit-log', '/api/audit-log');
    await call('delete', '/api/workflows/{id}', '/api/workflows/doc');
    await call('post', '/api/auth/logout-everywhere', '/api/auth/logout-everywhere');
    await c.post('/api/auth/login', { email: 'doc@example.test', password: 'doc password' });
    await call('post', '/api/auth/logout', '/api/auth/logout');

    const missing = host.app.routes
      .map((r) => `${r.method} ${openApiPath(r.path)}`)
      .filter((k) => !seen.has(k));
    expect(missing, 'routes the walk did not call: add them above').toEqual([]);
  });
});
