import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { oneNodeYaml, testResolver } from '../../../test/support/test-plugins.ts';
import { helloYaml } from '../../../test/support/workflow-yaml.ts';

let host: TestHost;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
beforeAll(async () => {
  host = await startTestHost({ resolverFor: testResolver });
  owner = await host.signUp('runs');
  await owner.client.post('/api/workflows', { yaml: helloYaml('hello') });
  await owner.client.post('/api/workflows', { yaml: oneNodeYaml('slow', 'test/wait@^1') });
  await owner.client.post('/api/workflows', { yaml: oneNodeYaml('broken', 'test/fail@^1') });
});
afterAll(() => host.close());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached in 5 s');
}

describe('runs', () => {
  it('runs the draft and stores the output and every trace event in order', async () => {
    const res = await owner.client.post('/api/runs', { workflowId: 'hello', input: {}, wait: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      version: 1,
      output: { reply: 'hi' },
      draft: false,
    });
    const types = res.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.completed');
    expect(res.body.events.map((e: { seq: number }) => e.seq)).toEqual(
      types.map((_: string, i: number) => i + 1),
    );
    const again = await owner.client.get(`/api/runs/${res.body.runId}`);
    expect(again.body.events).toEqual(res.body.events);
  });

  it('starts without waiting and finishes in the background', async () => {
    const res = await owner.client.post('/api/runs', { workflowId: 'hello' });
    expect(res.status).toBe(202);
    const run = await until(
      () => owner.client.get(`/api/runs/${res.body.runId}`),
      (r) => r.body.status !== 'running',
    );
    expect(run.body.status).toBe('completed');
  });

  it('runs the published version even after newer saves, and refuses when none is published', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('pubrun', 'v1') });
    const none = await owner.client.post('/api/runs', { workflowId: 'pubrun', version: 'published' });
    expect(none.status).toBe(409);
    await owner.client.post('/api/workflows/pubrun/versions/1/publish');
    await owner.client.put('/api/workflows/pubrun', { yaml: helloYaml('pubrun', 'v2'), baseVersion: 1 });
    const published = await owner.client.post('/api/runs', {
      workflowId: 'pubrun',
      version: 'published',
      wait: true,
    });
    expect(published.body).toMatchObject({ version: 1, output: { reply: 'v1' } });
    const draft = await owner.client.post('/api/runs', { workflowId: 'pubrun', wait: true });
    expect(draft.body).toMatchObject({ version: 2, output: { reply: 'v2' } });
  });

  it('runs unsaved YAML from the test panel and marks the run as a draft', async () => {
    const res = await owner.client.post('/api/runs', {
      workflowId: 'hello',
      yaml: helloYaml('hello', 'unsaved'),
      wait: true,
    });
    expect(res.body).toMatchObject({ draft: true, output: { reply: 'unsaved' } });
  });

  it('records a failed run with the failing node', async () => {
    const res = await owner.client.post('/api/runs', { workflowId: 'broken', wait: true });
    expect(res.body.status).toBe('failed');
    expect(res.body.error).toMatchObject({ nodeId: 'step' });
    expect(res.body.error.message).toMatch(/failed on purpose/);
  });

  it('cancels a running run, and refuses to cancel it twice', async () => {
    const started = await owner.client.post('/api/runs', { workflowId: 'slow' });
    await until(
      () => owner.client.get(`/api/runs/${started.body.runId}`),
      (r) =>
        r.body.events.some(
          (e: { type: string; nodeId?: string }) => e.type === 'node.started' && e.nodeId === 'step',
        ),
    );
    const cancelled = await owner.client.post(`/api/runs/${started.body.runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.events.at(-1).type).toBe('run.cancelled');
    const twice = await owner.client.post(`/api/runs/${started.body.runId}/cancel`);
    expect(twice.status).toBe(409);
  });

  it('lists runs filtered by workflow, status and time', async () => {
    const failed = await owner.client.get('/api/runs?status=failed');
    expect(failed.body.runs.length).toBeGreaterThan(0);
    expect(
      failed.body.runs.every(
        (r: { status: string; workflowId: string }) => r.status === 'failed' && r.workflowId === 'broken',
      ),
    ).toBe(true);
    const hello = await owner.client.get('/api/runs?workflowId=hello&limit=2');
    expect(hello.body.runs).toHaveLength(2);
    const future = await owner.client.get(
      `/api/runs?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body.runs).toEqual([]);
    expect((await owner.client.get('/api/runs?status=exploded')).status).toBe(400);
  });

  it("gives nodes the tenant's own data and the secrets their manifest names, nothing else", async () => {
    await host.database.adminDb
      .insertInto('orders')
      .values({
        tenant_id: owner.tenantId,
        id: 'ORD-1',
        customer_id: null,
        status: 'shipped',
        data: JSON.stringify({ id: 'ORD-1', status: 'shipped' }),
      })
      .execute();
    const other = await host.signUp('runs-other');
    await host.database.adminDb
      .insertInto('orders')
      .values({
        tenant_id: other.tenantId,
        id: 'ORD-2',
        customer_id: null,
        status: 'new',
        data: JSON.stringify({ id: 'ORD-2', status: 'new' }),
      })
      .execute();
    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('orders', 'test/orders@^1') });
    const orders = await owner.client.post('/api/runs', { workflowId: 'orders', wait: true });
    expect(orders.body.output).toEqual({ orders: [{ id: 'ORD-1', status: 'shipped' }] });

    await owner.client.put('/api/secrets/TOKEN', { value: 'the-secret-token' });
    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('secret', 'test/secret@^1') });
    expect((await owner.client.post('/api/runs', { workflowId: 'secret', wait: true })).body.output).toEqual({
      token: 'the-secret-token',
    });

    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('denied', 'test/customers-denied@^1') });
    const denied = await owner.client.post('/api/runs', { workflowId: 'denied', wait: true });
    expect(denied.body.status).toBe('failed');
    expect(denied.body.error.message).toMatch(/may not use table 'customers'/);
  });

  it('answers 404 for an unknown run or workflow', async () => {
    expect((await owner.client.get('/api/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await owner.client.post('/api/runs', { workflowId: 'nope' })).status).toBe(404);
    expect((await owner.client.get('/api/runs/not-a-uuid')).status).toBe(400);
  });
});
