/** Drafts may be incomplete; publishing refuses a version that would not run, listing every problem. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../support/test-host.ts';

let host: TestHost;
let owner: Awaited<ReturnType<TestHost['signUp']>>;

const draft = `id: draft
nodes:
  - id: ask
    uses: acme/not-installed@^1
    next: answer
  - id: answer
    uses: core/workflow@^1
    with: { workflow: missing-helper }
    next: nowhere
`;
const fixed = `id: draft
nodes:
  - id: ask
    uses: core/set@^1
    with: { values: { a: 1 } }
    next: answer
  - id: answer
    uses: core/end@^1
`;

beforeAll(async () => {
  host = await startTestHost();
  owner = await host.signUp('acme');
});
afterAll(() => host.close());

describe('publishing', () => {
  it('saves an incomplete draft but refuses to publish it, naming each problem and its line', async () => {
    expect((await owner.client.post('/api/workflows', { yaml: draft })).status).toBe(201);
    const res = await owner.client.post('/api/workflows/draft/versions/1/publish');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('not-publishable');
    const found = res.body.error.details.problems.map(
      (p: { line: number; message: string }) => `${p.line}: ${p.message}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4: .*acme\/not-installed/),
        expect.stringMatching(/^8: .*'missing-helper', which does not exist/),
        expect.stringMatching(/^9: .*unknown node 'nowhere'/),
      ]),
    );
    expect((await owner.client.get('/api/workflows/draft')).body.publishedVersion).toBeNull();
  });

  it('publishes once the version would run', async () => {
    await owner.client.put('/api/workflows/draft', { yaml: fixed, baseVersion: 1, message: 'fix' });
    const res = await owner.client.post('/api/workflows/draft/versions/2/publish');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.publishedVersion).toBe(2);
  });
});
