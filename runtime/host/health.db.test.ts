import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../test/support/test-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe('health probes', () => {
  it('reports live and ready on a migrated database', async () => {
    expect((await host.client().get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await host.client().get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('reports not ready, naming the migration, when one is not applied', async () => {
    await sql`DELETE FROM kysely_migration WHERE name = '0009_documents'`.execute(host.database.adminDb);
    const res = await host.client().get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('migrations not applied: 0009_documents');
  });

  it('answers unknown API paths and methods with JSON errors', async () => {
    const missing = await host.client().get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
    const wrongMethod = await host.client().request('PATCH', '/api/workflows', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('method-not-allowed');
  });

  it('hides the cause of an unexpected error behind a request id', async () => {
    await host.database.db.destroy(); // the pool is gone: every query now fails unexpectedly
    const res = await host
      .client()
      .get('/api/auth/me', { headers: { authorization: `Bearer fs_${'x'.repeat(32)}` } });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(/quote request id [0-9a-f-]{36}/);
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(res.body)).not.toMatch(/pool|destroy|kysely/i);
  });
});
