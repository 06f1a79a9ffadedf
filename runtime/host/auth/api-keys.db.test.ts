import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe('API keys', () => {
  it('shows the key once, stores only its hash, and lets a script use it', async () => {
    const owner = await host.signUp('keys');
    const created = await owner.client.post('/api/api-keys', { name: 'ci', scopes: ['members:read'] });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^fs_/);
    const listed = await owner.client.get('/api/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const stored = await host.database.adminDb.selectFrom('api_keys').select('key_hash').execute();
    expect(stored.map((r) => r.key_hash)).not.toContain(key);

    const script = host.client(key);
    const members = await script.get('/api/members');
    expect(members.status).toBe(200);
    expect(members.body.members[0].userId).toBe(owner.userId);
    const after = await owner.client.get('/api/api-keys');
    expect(after.body.apiKeys[0].lastUsedAt).not.toBeNull();
  });

  it('limits a key to its scopes and needs no CSRF header', async () => {
    const owner = await host.signUp('scoped');
    const { body } = await owner.client.post('/api/api-keys', {
      name: 'read only',
      scopes: ['members:read'],
    });
    const res = await host.client(body.key).post('/api/invitations', { email: 'x@y.test', role: 'viewer' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/API key/);
  });

  it('refuses a revoked key, a made-up key and a malformed header', async () => {
    const owner = await host.signUp('revoke');
    const { body } = await owner.client.post('/api/api-keys', { name: 'temp', scopes: ['members:read'] });
    expect((await owner.client.delete(`/api/api-keys/${body.apiKey.id}`)).body.revokedAt).not.toBeNull();
    expect((await host.client(body.key).get('/api/members')).status).toBe(401);
    expect((await host.client(`fs_${'a'.repeat(32)}`).get('/api/members')).status).toBe(401);
    const res = await host.client().get('/api/members', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Bearer fs_/);
  });

  it('refuses to grant scopes beyond the creator role', async () => {
    const owner = await host.signUp('beyond');
    // A viewer cannot manage keys at all.
    const { client: viewer } = await host.join(owner, 'viewer', 'v@beyond.test');
    expect((await viewer.post('/api/api-keys', { name: 'x', scopes: ['members:read'] })).status).toBe(403);
    const bad = await owner.client.post('/api/api-keys', { name: 'x', scopes: ['everything'] });
    expect(bad.status).toBe(400);
  });

  it('records key creation in the audit log', async () => {
    const owner = await host.signUp('keyaudit');
    const { body } = await owner.client.post('/api/api-keys', { name: 'deploy bot', scopes: ['runs:read'] });
    const log = await owner.client.get('/api/audit-log?action=api_key.created');
    expect(log.body.entries[0]).toMatchObject({
      target: body.apiKey.id,
      details: { name: 'deploy bot', scopes: ['runs:read'] },
    });
  });
});
