import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../../runtime/host/seed-demo.ts';
import { type RunningHost, startHost } from '../../runtime/host/start.ts';
import { ApiClient } from '../support/api-client.ts';

// startHost uses DATABASE_URL when set; this test is about the embedded default.
delete process.env.DATABASE_URL;
let dataDir: string;
let host: RunningHost | undefined;
afterAll(async () => {
  await host?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('startHost', () => {
  it('starts on the embedded database, seeds the demo once, and comes back with the same data', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'flow-start-'));
    host = await startHost({
      port: 0,
      dataDir,
      logLevel: 'silent',
      studioDir: path.join(dataDir, 'no-studio'),
    });
    const client = new ApiClient(host.url);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await client.get('/readyz')).body).toEqual({ status: 'ready' });
    const login = await client.post('/api/auth/login', {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
    });
    expect(login.status).toBe(200);
    expect(login.body.tenant.slug).toBe('demo');
    const orders = await client.get('/api/workflows');
    expect(orders.status).toBe(200);
    await host.close();

    host = await startHost({
      port: 0,
      dataDir,
      logLevel: 'silent',
      studioDir: path.join(dataDir, 'no-studio'),
    });
    const again = new ApiClient(host.url);
    const second = await again.post('/api/auth/login', {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
    });
    expect(second.body.tenant.id).toBe(login.body.tenant.id);
    expect((await again.get('/api/workflows')).body.workflows).toEqual(orders.body.workflows);
  });
});
