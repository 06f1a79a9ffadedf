/**
 * ctx.assets.search over a large knowledge base: 2,000 articles of one tenant. The full-text index
 * hands the knowledge-search node (run in the sandbox, through the host) a few candidates instead of
 * the whole table, never another tenant's rows, and a tenant without rows still gets the shipped file.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { tenantAssets } from './tenant-assets.ts';
import { EXAMPLE_DATA_DIR } from './tenant-capabilities.ts';

let host: TestHost;
let acme: Awaited<ReturnType<TestHost['signUp']>>;
let globex: Awaited<ReturnType<TestHost['signUp']>>;

const ARTICLES = 2_000;
const topics = [
  'order',
  'invoice',
  'address',
  'plan',
  'account',
  'phone',
  'discount',
  'export',
  'team',
  'report',
];
const verbs = ['update', 'change', 'cancel', 'track', 'download', 'share', 'review', 'archive'];

/** Help-centre filler: many articles share the common words a question uses. */
function article(i: number) {
  const topic = topics[i % topics.length];
  const verb = verbs[Math.floor(i / topics.length) % verbs.length];
  return {
    id: `kb-${i}`,
    title: `How to ${verb} your ${topic} (${i})`,
    answer: `Open Settings, pick ${topic}, then choose ${verb}. Your account page shows code ${i} for this ${topic}.`,
  };
}

const target = {
  id: 'kb-lost-phone',
  title: 'Lost your phone? Recover two-factor authenticator codes',
  answer: 'Sign in with one of your backup codes, then pair a new authenticator app under Security.',
};
const rival = {
  id: 'globex-authenticator',
  title: 'Globex authenticator codes on a lost phone',
  answer: 'Globex secret: call the llama hotline.',
};

const workflow = `id: helpdesk
nodes:
  - id: search
    uses: core/knowledge-search@^1
    with: { query: "{{ inputs.message }}", source: "{{ inputs.source }}" }
    next: done
  - id: done
    uses: core/end@^1
    with:
      output: { id: "{{ nodes.search.best.id }}", answer: "{{ nodes.search.best.answer }}", branch: "{{ nodes.search.branch }}" }
`;

async function insert(tenantId: string, source: string, docs: Array<typeof target>) {
  for (let i = 0; i < docs.length; i += 500) {
    await host.database.adminDb
      .insertInto('documents')
      .values(
        docs.slice(i, i + 500).map((d) => ({
          tenant_id: tenantId,
          id: d.id,
          source,
          title: d.title,
          body: d.answer,
          data: JSON.stringify(d),
        })),
      )
      .execute();
  }
}

beforeAll(async () => {
  host = await startTestHost();
  acme = await host.signUp('acme');
  globex = await host.signUp('globex');
  for (const t of [acme, globex]) await t.client.post('/api/workflows', { yaml: workflow });
  const kb = Array.from({ length: ARTICLES }, (_, i) => article(i));
  kb.splice(1_234, 0, target);
  await insert(acme.tenantId, 'help.json', kb);
  await insert(globex.tenantId, 'help.json', [rival, article(1), article(2)]);
  await sql`ANALYZE documents`.execute(host.database.adminDb);
}, 60_000);
afterAll(() => host.close());

const question = "I lost my phone and can't get my authenticator codes";
const assetsOf = (tenantId: string) => tenantAssets(host.database.db, tenantId, EXAMPLE_DATA_DIR);
const run = (t: typeof acme, message: string, source = 'help.json') =>
  t.client.post('/api/runs', { workflowId: 'helpdesk', input: { message, source }, wait: true });

describe('assets.search over 2,000 articles', () => {
  it('returns the relevant article among a few candidates, fast', async () => {
    const assets = assetsOf(acme.tenantId);
    const found = (await assets.search('help.json', question)) as Array<{ id: string }>;
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(50);
    expect(found.map((d) => d.id)).toContain(target.id);
    expect((await assets.search('help.json', question, { limit: 5 }))?.length).toBe(5);
    // Stop words only, or words no article holds: no candidates (not the shipped file).
    expect(await assets.search('help.json', 'how do I the')).toEqual([]);
    expect(await assets.search('help.json', 'pizza')).toEqual([]);

    const started = performance.now();
    for (let i = 0; i < 20; i++) await assets.search('help.json', `${question} ${i}`);
    const perSearch = (performance.now() - started) / 20;
    const readStarted = performance.now();
    const whole = (await assets.read('help.json')) as { entries: unknown[] };
    const perRead = performance.now() - readStarted;
    expect(whole.entries).toHaveLength(ARTICLES + 1);
    console.info(
      `assets.search: ${perSearch.toFixed(1)} ms per search; read of all: ${perRead.toFixed(1)} ms`,
    );
  });

  it('lets the sandboxed knowledge-search node find it, and answer none when nothing fits', async () => {
    const res = await run(acme, question);
    expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
    expect(res.body.output).toMatchObject({ id: target.id, answer: target.answer, branch: 'found' });
    const none = await run(acme, 'do you sell pizza on sundays?');
    expect(none.body.status, JSON.stringify(none.body.error)).toBe('completed');
    expect(none.body.output.branch).toBe('none');
  });

  it("never returns another tenant's documents", async () => {
    const forGlobex = (await assetsOf(globex.tenantId).search('help.json', question)) as Array<{
      id: string;
    }>;
    expect(forGlobex[0]?.id).toBe(rival.id);
    expect(forGlobex.map((d) => d.id).sort()).toEqual(
      [rival.id, 'kb-1', 'kb-2'].filter((id) => forGlobex.some((d) => d.id === id)).sort(),
    );
    expect(forGlobex.map((d) => d.id)).not.toContain(target.id);
    const forAcme = (await assetsOf(acme.tenantId).search('help.json', 'globex llama hotline')) ?? [];
    expect(forAcme).toEqual([]);
    const res = await run(globex, question);
    expect(res.body.output).toMatchObject({ id: rival.id, branch: 'found' });
    expect(JSON.stringify((await run(acme, 'llama hotline')).body)).not.toContain('Globex secret');
  });

  it('answers null for a source without rows, so the shipped demo FAQ still answers', async () => {
    expect(await assetsOf(acme.tenantId).search('faq.json', 'how long does shipping take')).toBeNull();
    const res = await run(acme, 'how long does shipping take', 'faq.json');
    expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
    expect(res.body.output).toMatchObject({ id: 'shipping-times', branch: 'found' });
    expect(res.body.output.answer).toMatch(/business days/);
  });
});
