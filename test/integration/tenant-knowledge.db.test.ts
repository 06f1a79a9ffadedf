/**
 * Knowledge search in the host answers from the tenant's own documents (stored in PostgreSQL, under
 * row-level security) and falls back to the shipped example files for a tenant that has none.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../support/test-host.ts';

let host: TestHost;
let acme: Awaited<ReturnType<TestHost['signUp']>>;
let globex: Awaited<ReturnType<TestHost['signUp']>>;

const workflow = `id: ask
nodes:
  - id: search
    uses: core/knowledge-search@^1
    with: { query: "{{ inputs.message }}", source: faq.json }
    next: done
  - id: done
    uses: core/end@^1
    with:
      output: { answer: "{{ nodes.search.best.answer }}" }
`;

beforeAll(async () => {
  host = await startTestHost();
  acme = await host.signUp('acme');
  globex = await host.signUp('globex');
  for (const t of [acme, globex]) await t.client.post('/api/workflows', { yaml: workflow });
  const entry = {
    id: 'acme-shipping',
    question: 'How long does shipping take?',
    answer: 'Acme ships by llama: 40 days.',
  };
  await sql`INSERT INTO documents (tenant_id, id, source, title, body, data)
    VALUES (${acme.tenantId}, ${entry.id}, 'faq.json', ${entry.question}, ${entry.answer}, ${JSON.stringify(entry)})`.execute(
    host.database.adminDb,
  );
});
afterAll(() => host.close());

const ask = (t: typeof acme) =>
  t.client.post('/api/runs', {
    workflowId: 'ask',
    input: { message: 'how long does shipping take' },
    wait: true,
  });

describe('knowledge per tenant', () => {
  it("answers from the tenant's own documents", async () => {
    const res = await ask(acme);
    expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
    expect(res.body.output.answer).toBe('Acme ships by llama: 40 days.');
  });

  it("never from another tenant's documents: a tenant without any gets the shipped examples", async () => {
    const res = await ask(globex);
    expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
    expect(res.body.output.answer).toMatch(/business days/);
    expect(JSON.stringify(res.body)).not.toContain('llama');
  });
});
