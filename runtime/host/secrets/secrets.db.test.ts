import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { parseKeyring } from './keyring.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe('secrets', () => {
  it('lists names and masked values only, and stores ciphertext', async () => {
    const owner = await host.signUp('sec');
    const value = 'sk-live-1234567890abcdef';
    expect((await owner.client.put('/api/secrets/OPENAI_KEY', { value })).body).toMatchObject({
      name: 'OPENAI_KEY',
      masked: '••••cdef',
    });
    const list = await owner.client.get('/api/secrets');
    expect(list.body.secrets).toEqual([expect.objectContaining({ name: 'OPENAI_KEY', masked: '••••cdef' })]);
    expect(JSON.stringify(list.body)).not.toContain(value);
    const rows = await host.database.adminDb.selectFrom('secrets').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(value);
    const log = await owner.client.get('/api/audit-log?action=secret.set');
    expect(JSON.stringify(log.body)).not.toContain(value);
    expect(log.body.entries[0].target).toBe('OPENAI_KEY');
  });

  it('re-encrypts under a new key after rotation, still readable', async () => {
    const owner = await host.signUp('rotate');
    await owner.client.put('/api/secrets/TOKEN', { value: 'a-long-secret-value-9876' });
    const config = host.app.services.config;
    const oldKey = config.keyring.keys.get(config.keyring.current)!.toString('base64');
    config.keyring = parseKeyring(
      `new:${randomBytes(32).toString('base64')},${config.keyring.current}:${oldKey}`,
    );
    const rotated = await owner.client.post('/api/secrets/rotate');
    expect(rotated.body).toEqual({ rotated: 1, keyId: 'new' });
    const list = await owner.client.get('/api/secrets');
    expect(list.body.secrets[0]).toMatchObject({ name: 'TOKEN', keyId: 'new', masked: '••••9876' });
  });

  it('refuses bad names and lets a builder list but not write', async () => {
    const owner = await host.signUp('secperm');
    expect((await owner.client.put('/api/secrets/bad-name!', { value: 'x' })).status).toBe(400);
    const { client: builder } = await host.join(owner, 'builder', 'b@secperm.test');
    expect((await builder.get('/api/secrets')).status).toBe(200);
    expect((await builder.put('/api/secrets/X', { value: 'y' })).status).toBe(403);
  });
});
