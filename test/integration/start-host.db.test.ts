import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN, WORKFLOWS_DIR } from '../../runtime/host/seed-demo.ts';
import { type RunningHost, startHost } from '../../runtime/host/start.ts';
import { parseWorkflow } from '../../runtime/workflow/parse-workflow.ts';
import { ApiClient } from '../support/api-client.ts';

// startHost uses DATABASE_URL when set; this test is about the embedded default.
delete process.env.DATABASE_URL;
let dataDir: string;
let host: RunningHost | undefined;
afterAll(async () => {
  await host?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
/** The host on `dataDir`, as `npm start` runs it (without a built studio). */
const start = () =>
  startHost({ port: 0, dataDir, logLevel: 'silent', studioDir: path.join(dataDir, 'no-studio') });
/** Signs `client` in with the demo login printed at first start. */
const demoLogin = (client: ApiClient) =>
  client.post('/api/auth/login', { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password });

describe('startHost', () => {
  it('starts on the embedded database, seeds the demo once, and comes back with the same data', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'flow-start-'));
    host = await start();
    const client = new ApiClient(host.url);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await client.get('/readyz')).body).toEqual({ status: 'ready' });
    const login = await demoLogin(client);
    expect(login.status).toBe(200);
    expect(login.body.tenant.slug).toBe('demo');
    const orders = await client.get('/api/workflows');
    expect(orders.status).toBe(200);
    const examples = (await readdir(WORKFLOWS_DIR)).filter(
      (f) =>
        /\.ya?ml$/.test(f) && parseWorkflow(readFileSync(path.join(WORKFLOWS_DIR, f), 'utf8'), f).workflow,
    );
    expect(orders.body.workflows).toHaveLength(examples.length);
    // Every example runs on the host against the seeded PostgreSQL data: no capability is missing.
    for (const wf of orders.body.workflows as { id: string }[]) {
      const run = await client.post('/api/runs', {
        workflowId: wf.id,
        input: { message: 'Where is my order ORD-10002?' },
        wait: true,
      });
      expect(run.status, wf.id).toBe(200);
      expect(
        ['missing-capability', 'unknown-table', 'internal', 'not-found'],
        `${wf.id}: ${JSON.stringify(run.body.error)}`,
      ).not.toContain(run.body.error?.code);
    }
    await host.close();

    host = await start();
    const again = new ApiClient(host.url);
    const second = await demoLogin(again);
    expect(second.body.tenant.id).toBe(login.body.tenant.id);
    expect((await again.get('/api/workflows')).body.workflows).toEqual(orders.body.workflows);
  });
});
