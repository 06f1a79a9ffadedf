import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { helloYaml } from '../../../test/support/workflow-yaml.ts';

let host: TestHost;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
beforeAll(async () => {
  host = await startTestHost();
  owner = await host.signUp('wf');
});
afterAll(() => host.close());

describe('workflows', () => {
  it('creates version 1 and returns the YAML exactly as written, comments included', async () => {
    const yaml = helloYaml('greet');
    const created = await owner.client.post('/api/workflows', { yaml, message: 'first' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'greet',
      name: 'Hello greet',
      version: 1,
      publishedVersion: null,
    });
    const fetched = await owner.client.get('/api/workflows/greet');
    expect(fetched.body.yaml).toBe(yaml);
    expect(
      (await owner.client.get('/api/workflows')).body.workflows.map((w: { id: string }) => w.id),
    ).toContain('greet');
  });

  it('refuses invalid YAML with 422 and every problem located by line and column', async () => {
    const res = await owner.client.post('/api/workflows', {
      yaml: 'id: broken\nnodes:\n  - id: a\n    uses: 5\n  bad',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-workflow');
    expect(res.body.error.message).toMatch(/line 5, column/);
    expect(res.body.error.details.problems[0]).toMatchObject({ line: 5, code: 'yaml-syntax' });
  });

  it('refuses a second workflow with the same id', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('twice') });
    const res = await owner.client.post('/api/workflows', { yaml: helloYaml('twice') });
    expect(res.status).toBe(409);
  });

  it('saves each edit as a new version and answers 409 with the current version to a stale save', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('edit') });
    const v2 = await owner.client.put('/api/workflows/edit', {
      yaml: helloYaml('edit', 'hello'),
      baseVersion: 1,
      message: 'friendlier',
    });
    expect(v2.body.version).toBe(2);
    const stale = await owner.client.put('/api/workflows/edit', {
      yaml: helloYaml('edit', 'hey'),
      baseVersion: 1,
      message: 'mine',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ version: 2, yaml: helloYaml('edit', 'hello') });
    const versions = await owner.client.get('/api/workflows/edit/versions');
    expect(
      versions.body.versions.map((v: { version: number; message: string }) => [v.version, v.message]),
    ).toEqual([
      [2, 'friendlier'],
      [1, 'Created'],
    ]);
    expect(versions.body.versions[0].author).toBe('wf owner');
  });

  it('refuses to change a workflow id through a save', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('fixed') });
    const res = await owner.client.put('/api/workflows/fixed', { yaml: helloYaml('other'), baseVersion: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('id-mismatch');
  });

  it('diffs two versions line by line', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('diffed') });
    await owner.client.put('/api/workflows/diffed', { yaml: helloYaml('diffed', 'bye'), baseVersion: 1 });
    const diff = await owner.client.get('/api/workflows/diffed/diff?from=1&to=2');
    expect(diff.body.patch).toContain('-      output: { reply: "hi" }');
    expect(diff.body.patch).toContain('+      output: { reply: "bye" }');
    expect(diff.body.hunks).toHaveLength(1);
  });

  it('publishes a version, records it, and only lets admins publish', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('pub') });
    const res = await owner.client.post('/api/workflows/pub/versions/1/publish');
    expect(res.body.publishedVersion).toBe(1);
    expect((await owner.client.get('/api/workflows/pub/versions/1')).body.published).toBe(true);
    const log = await owner.client.get('/api/audit-log?action=workflow.published');
    expect(log.body.entries[0]).toMatchObject({ target: 'pub', details: { version: 1 } });
    const { client: builder } = await host.join(owner, 'builder', 'builder@wf.test');
    expect(
      (await builder.put('/api/workflows/pub', { yaml: helloYaml('pub', 'x'), baseVersion: 1 })).status,
    ).toBe(200);
    expect((await builder.post('/api/workflows/pub/versions/2/publish')).status).toBe(403);
    expect((await owner.client.post('/api/workflows/pub/versions/9/publish')).status).toBe(404);
  });

  it('deletes a workflow', async () => {
    await owner.client.post('/api/workflows', { yaml: helloYaml('gone') });
    expect((await owner.client.delete('/api/workflows/gone')).status).toBe(204);
    expect((await owner.client.get('/api/workflows/gone')).status).toBe(404);
  });
});
