/**
 * For every API route that names a resource, a member of another tenant using this tenant's ids gets
 * 404 and none of its data; lists never show another tenant's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginPackage } from '../../registry/plugin-package.ts';
import { ACTIONS } from '../../runtime/host/auth/permissions.ts';
import { openApiPath } from '../../runtime/host/http/openapi.ts';
import type { ApiClient, ApiResponse } from '../support/api-client.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';
import { oneNodeYaml, testResolver } from '../support/test-plugins.ts';
import { helloYaml } from '../support/workflow-yaml.ts';

let host: TestHost;
let victim: Awaited<ReturnType<TestHost['signUp']>>;
let attacker: Awaited<ReturnType<TestHost['signUp']>>;
let attackerKey: ApiClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  host = await startTestHost({ resolverFor: testResolver });
  victim = await host.signUp('victim');
  attacker = await host.signUp('attacker');
  const v = victim.client;
  await v.post('/api/workflows', { yaml: helloYaml('victim-flow', 'victim-secret-reply') });
  await v.post('/api/workflows', { yaml: oneNodeYaml('victim-slow', 'test/wait@^1') });
  ids.run = (await v.post('/api/runs', { workflowId: 'victim-flow', wait: true })).body.runId;
  ids.slowRun = (await v.post('/api/runs', { workflowId: 'victim-slow' })).body.runId;
  const inv = await v.post('/api/invitations', { email: 'member@victim.test', role: 'builder' });
  ids.invitation = (
    await v.post('/api/invitations', { email: 'pending@victim.test', role: 'viewer' })
  ).body.invitation.id;
  ids.member = (
    await host
      .client()
      .post('/api/invitations/accept', { token: inv.body.token, password: 'member password', name: 'Member' })
  ).body.user.id;
  ids.key = (await v.post('/api/api-keys', { name: 'victim key', scopes: ['runs:read'] })).body.apiKey.id;
  await v.put('/api/secrets/VICTIM_SECRET', { value: 'victim-secret-value-0001' });
  const pkg = createPluginPackage(
    {
      id: 'victim/echo',
      version: '1.0.0',
      kind: 'node',
      title: 'Victim echo',
      description: 'victim-plugin-description',
    },
    'export default { run: (c) => c };',
  );
  await v.post('/api/registry/plugins', pkg);
  await v.post('/api/plugins/install', { id: 'victim/echo' });
  await v.post('/api/registry/dev', {
    ...pkg,
    manifest: { ...pkg.manifest, version: '1.0.1' },
    sha256: undefined,
  });
  // A router the victim's routed LLM calls would have left behind.
  await host.database.adminDb
    .insertInto('router_states')
    .values({
      tenant_id: victim.tenantId,
      key: 'victim-flow:ask',
      strategy: 'router/thompson',
      config: '{}',
      arms: JSON.stringify([{ id: 'victim-arm' }]),
      state: '{}',
      last_explanation: 'victim-router-explanation',
    })
    .execute();
  attackerKey = host.client(
    (await attacker.client.post('/api/api-keys', { name: 'all', scopes: ACTIONS })).body.key,
  );
});
afterAll(() => host.close());

/** The attacker's request for each route that takes an id, keyed by `method path`. */
const attempts: Record<string, (c: ApiClient) => Promise<ApiResponse>> = {
  'get /api/workflows/{id}': (c) => c.get('/api/workflows/victim-flow'),
  'put /api/workflows/{id}': (c) =>
    c.put('/api/workflows/victim-flow', { yaml: helloYaml('victim-flow', 'owned'), baseVersion: 1 }),
  'delete /api/workflows/{id}': (c) => c.delete('/api/workflows/victim-flow'),
  'get /api/workflows/{id}/versions': (c) => c.get('/api/workflows/victim-flow/versions'),
  'get /api/workflows/{id}/versions/{version}': (c) => c.get('/api/workflows/victim-flow/versions/1'),
  'get /api/workflows/{id}/diff': (c) => c.get('/api/workflows/victim-flow/diff?from=1&to=1'),
  'post /api/workflows/{id}/versions/{version}/publish': (c) =>
    c.post('/api/workflows/victim-flow/versions/1/publish'),
  'get /api/runs/{id}': (c) => c.get(`/api/runs/${ids.run}`),
  'post /api/runs/{id}/cancel': (c) => c.post(`/api/runs/${ids.slowRun}/cancel`),
  'patch /api/members/{userId}': (c) => c.patch(`/api/members/${ids.member}`, { role: 'viewer' }),
  'delete /api/members/{userId}': (c) => c.delete(`/api/members/${ids.member}`),
  'delete /api/invitations/{id}': (c) => c.delete(`/api/invitations/${ids.invitation}`),
  'delete /api/api-keys/{id}': (c) => c.delete(`/api/api-keys/${ids.key}`),
  'delete /api/secrets/{name}': (c) => c.delete('/api/secrets/VICTIM_SECRET'),
  'put /api/secrets/{name}': (c) => c.put('/api/secrets/VICTIM_SECRET', { value: 'attacker-value' }),
  'delete /api/plugins/{scope}/{name}': (c) => c.delete('/api/plugins/victim/echo'),
  'post /api/runs': (c) => c.post('/api/runs', { workflowId: 'victim-flow', wait: true }),
  'post /api/routers/{key}/outcomes': (c) =>
    c.post('/api/routers/victim-flow:ask/outcomes', { arm: 'victim-arm', success: false }),
};

/** Victim data found in an answer; ids the attacker sent may be echoed back ("run 'x' not found"). */
const leaks = (res: ApiResponse, sent: string[] = []) =>
  [
    'victim-secret-reply',
    'victim-plugin-description',
    'victim-secret-value',
    'victim-router-explanation',
    'victim-arm',
    'member@victim.test',
    'pending@victim.test',
    victim.email,
    ids.run,
    ids.member,
  ].filter((s) => !sent.includes(s!) && JSON.stringify(res.body ?? '').includes(s!));

describe('tenant isolation through the API', () => {
  it('covers every route that names a resource', () => {
    const withIds = host.app.routes
      .filter((r) => r.path.includes(':') && r.permission !== 'public')
      .map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(withIds.filter((k) => !attempts[k])).toEqual([]);
  });

  for (const [name, attempt] of Object.entries(attempts)) {
    it(`${name}: another tenant's id is not found, by session and by API key`, async () => {
      for (const client of [attacker.client, attackerKey]) {
        const res = await attempt(client);
        if (name === 'put /api/secrets/{name}')
          expect(res.status).toBe(200); // creates the attacker's own secret
        else expect(res.status, JSON.stringify(res.body)).toBe(404);
        expect(leaks(res, Object.values(ids))).toEqual([]);
      }
    });
  }

  it('lists show none of the other tenant rows', async () => {
    for (const path of [
      '/api/workflows',
      '/api/runs',
      '/api/members',
      '/api/invitations',
      '/api/api-keys',
      '/api/secrets',
      '/api/audit-log',
      '/api/plugins', // installs and dev builds are per tenant (the registry listing itself is public)
      '/api/routers',
    ]) {
      const res = await attacker.client.get(path);
      expect(res.status, path).toBe(200);
      expect(leaks(res), path).toEqual([]);
    }
  });

  it("left the victim's data untouched", async () => {
    const v = victim.client;
    expect((await v.get('/api/workflows/victim-flow')).body).toMatchObject({
      version: 1,
      publishedVersion: null,
    });
    expect((await v.get(`/api/runs/${ids.slowRun}`)).body.status).toBe('running');
    expect(
      (await v.get('/api/members')).body.members.find((m: { userId: string }) => m.userId === ids.member)
        .role,
    ).toBe('builder');
    expect((await v.get('/api/api-keys')).body.apiKeys[0].revokedAt).toBeNull();
    expect((await v.get('/api/secrets')).body.secrets).toEqual([
      expect.objectContaining({ name: 'VICTIM_SECRET', masked: '••••0001' }),
    ]);
    const palette = (await v.get('/api/plugins')).body.plugins.filter(
      (p: { id: string }) => p.id === 'victim/echo',
    );
    expect(
      palette.map((p: { source: string; version: string }) => `${p.source}@${p.version}`).sort(),
    ).toEqual(['dev@1.0.1', 'installed@1.0.0']);
    expect((await v.get('/api/routers')).body.routers).toEqual([
      expect.objectContaining({ key: 'victim-flow:ask', outcomes: 0, state: {} }),
    ]);
    expect((await v.get('/api/invitations')).body.invitations.map((i: { id: string }) => i.id)).toContain(
      ids.invitation,
    );
  });
});
