/**
 * Routers, judges and providers that a developer publishes and a tenant installs (or loads as a dev
 * build) serve that tenant's routed LLM calls from the sandbox, learn per tenant, and stay out of
 * reach of tenants that did not install them. A router that loops fails the run, not the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginPackage } from '../../../registry/plugin-package.ts';
import type { Permissions, PluginKind } from '../../../registry/sdk/plugin.ts';
import { type OpenAiServer, startOpenAiServer } from '../../../test/fakes/openai-server.ts';
import type { ApiClient } from '../../../test/support/api-client.ts';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';

let host: TestHost;
let cheap: OpenAiServer;
let dear: OpenAiServer;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
let other: Awaited<ReturnType<TestHost['signUp']>>;

const CHEAPEST = `export default definePlugin({
  choose(request, state) {
    const arms = [...request.arms].sort((a, b) => a.costPer1kTokens - b.costPer1kTokens);
    return { arm: arms[0].id, fallbacks: arms.slice(1).map((a) => a.id),
      explanation: "'" + arms[0].id + "' is the cheapest model (" + (state.calls ?? 0) + ' calls learned)' };
  },
  learn(outcome, state) {
    const byArm = { ...(state.byArm ?? {}) };
    byArm[outcome.arm] = (byArm[outcome.arm] ?? 0) + 1;
    return { calls: (state.calls ?? 0) + 1, byArm };
  },
});`;

const PLAIN_CHAT = `export default definePlugin({
  async complete(request, config, ctx) {
    const res = await ctx.fetch(config.baseUrl + '/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (await ctx.secrets.get('CHAT_KEY')) },
      body: JSON.stringify({ model: request.model, messages: request.messages }),
    });
    const body = JSON.parse(res.body);
    if (res.status !== 200) throw new Error('the model server said: ' + body.error.message);
    return { content: body.choices[0].message.content, model: body.model,
      usage: { promptTokens: body.usage.prompt_tokens, completionTokens: body.usage.completion_tokens } };
  },
});`;

const STRICT = `export default definePlugin({
  judge(input) {
    const ok = String(input.output).includes(input.expected);
    return { score: ok ? 1 : 0, pass: ok, reasoning: ok ? 'says ' + input.expected : 'never says ' + input.expected };
  },
});`;

function pkg(id: string, kind: PluginKind, source: string, permissions: Permissions = {}, version = '1.0.0') {
  return createPluginPackage(
    { id, version, kind, title: id, description: `a ${kind} for tests`, permissions },
    source,
  );
}

function yaml(id: string, route: string, arms: string): string {
  return `id: ${id}
name: ${id}
nodes:
  - id: start
    uses: core/start@^1
    next: ask
  - id: ask
    uses: core/llm@^1
    with:
      prompt: What is the capital of France?
      arms:
${arms}${route}    next: done
  - id: done
    uses: core/end@^1
    with:
      output: { text: "{{ nodes.ask.text }}", arm: "{{ nodes.ask.arm }}", explanation: "{{ nodes.ask.explanation }}" }
`;
}

const twoArms = () =>
  `        - { id: dear, model: model-dear, baseUrl: "${dear.baseUrl}", costPer1kTokens: 0.03 }\n` +
  `        - { id: cheap, model: model-cheap, baseUrl: "${cheap.baseUrl}", costPer1kTokens: 0.001 }\n`;

beforeAll(async () => {
  cheap = await startOpenAiServer({ reply: () => 'The capital of France is Paris.' });
  dear = await startOpenAiServer({ apiKey: 'sk-chat', reply: () => 'Paris, of course.' });
  host = await startTestHost({ config: { allowPrivateNetwork: true } }); // the model servers are on loopback
  owner = await host.signUp('strategy-owner');
  other = await host.signUp('strategy-other');
  const publish = async (p: ReturnType<typeof pkg>) => {
    expect((await owner.client.post('/api/registry/plugins', p)).status).toBe(201);
    expect((await owner.client.post('/api/plugins/install', { id: p.manifest.id })).status).toBe(201);
  };
  await publish(pkg('acme/cheapest', 'router', CHEAPEST));
  await publish(
    pkg('acme/spinner', 'router', 'export default { choose() { for (;;) {} }, learn: (o, s) => s };'),
  );
  const chatHost = new URL(dear.baseUrl).host;
  await publish(pkg('acme/plain-chat', 'provider', PLAIN_CHAT, { net: [chatHost], secrets: ['CHAT_KEY'] }));
  // The judge is a dev build (flow plugin dev): in front of installed versions, this tenant only.
  expect((await owner.client.post('/api/registry/dev', pkg('acme/strict', 'judge', STRICT))).status).toBe(
    200,
  );
  expect((await owner.client.put('/api/secrets/CHAT_KEY', { value: 'sk-chat' })).status).toBe(200);
  for (const tenant of [owner, other]) {
    const cheapest = yaml('cheapest', '      router: acme/cheapest@^1\n', twoArms());
    expect((await tenant.client.post('/api/workflows', { yaml: cheapest })).status).toBe(201);
  }
});
afterAll(async () => {
  await host?.close();
  await cheap?.close();
  await dear?.close();
});

async function run(client: ApiClient, workflowId: string) {
  const res = await client.post('/api/runs', { workflowId, wait: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    status: string;
    output: { text: string; arm: string; explanation: string };
    error?: { message: string };
  };
}

async function routerOf(client: ApiClient, key: string) {
  const res = await client.get('/api/routers');
  expect(res.status).toBe(200);
  return res.body.routers.find((r: { key: string }) => r.key === key);
}

describe('installed strategy plugins in routed LLM calls', () => {
  it("routes with the tenant's installed router, which learns per tenant", async () => {
    const first = await run(owner.client, 'cheapest');
    expect(first.status, JSON.stringify(first.error)).toBe('completed');
    expect(first.output).toEqual({
      text: 'The capital of France is Paris.',
      arm: 'cheap',
      explanation: "'cheap' is the cheapest model (0 calls learned)",
    });
    const second = await run(owner.client, 'cheapest');
    expect(second.output.explanation).toBe("'cheap' is the cheapest model (1 calls learned)");
    const router = await routerOf(owner.client, 'cheapest:ask');
    expect(router).toMatchObject({
      strategy: 'acme/cheapest',
      outcomes: 2,
      state: { calls: 2, byArm: { cheap: 2 } },
    });
    expect(router.next).toEqual({
      arm: 'cheap',
      explanation: "'cheap' is the cheapest model (2 calls learned)",
    });

    const feedback = await owner.client.post('/api/routers/cheapest:ask/outcomes', {
      arm: 'dear',
      success: true,
    });
    expect(feedback.status, JSON.stringify(feedback.body)).toBe(200);
    expect(feedback.body.state).toEqual({ calls: 3, byArm: { cheap: 2, dear: 1 } });
  });

  it('is out of reach of a tenant that did not install it', async () => {
    const theirs = await run(other.client, 'cheapest');
    expect(theirs.status).toBe('failed');
    expect(theirs.error?.message).toBe(
      "LLM call of node 'ask': no router plugin 'acme/cheapest' is available",
    );
    expect(await routerOf(other.client, 'cheapest:ask')).toBeUndefined();
    const rows = await host.database.adminDb
      .selectFrom('router_states')
      .select(['tenant_id', 'strategy'])
      .where('key', '=', 'cheapest:ask')
      .execute();
    expect(rows).toEqual([{ tenant_id: owner.tenantId, strategy: 'acme/cheapest' }]);
  });

  it('calls an installed provider and a dev-build judge, each in the sandbox', async () => {
    const arms = `        - { id: chat, model: model-chat, provider: acme/plain-chat@^1, baseUrl: "${dear.baseUrl}", apiKeySecret: CHAT_KEY }\n`;
    const route =
      '      router: router/fixed@^1\n      routerConfig: { arm: chat }\n      judge: { uses: acme/strict@^1, expected: Paris }\n';
    expect((await owner.client.post('/api/workflows', { yaml: yaml('judged', route, arms) })).status).toBe(
      201,
    );
    const before = dear.requests.length;
    const result = await run(owner.client, 'judged');
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.output.text).toBe('Paris, of course.');
    expect(result.output.explanation).toContain('acme/strict scored the answer 1.00 (says Paris)');
    expect(dear.requests.slice(before).map((r) => [r.body.model, r.headers.authorization])).toEqual([
      ['model-chat', 'Bearer sk-chat'],
    ]);
  });

  it('fails the run, not the host, when a router loops forever', async () => {
    await owner.client.post('/api/workflows', {
      yaml: yaml('spin', '      router: acme/spinner@^1\n', twoArms()),
    });
    const spun = await run(owner.client, 'spin');
    expect(spun.status).toBe('failed');
    // The router's timeout reaches core/llm (itself sandboxed) as its llm call's error.
    expect(spun.error?.message).toBe('timed out after 1000 ms');
    expect((await run(owner.client, 'cheapest')).status).toBe('completed');
  });
});
