/**
 * Routed LLM calls end to end: workflows using core/llm run on the host against two loopback
 * OpenAI-compatible servers (model A answers wrongly, model B rightly, a judge scores them), and
 * the tenant's router learns, falls back, takes feedback and keeps every outcome under load.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatCompletionBody,
  type OpenAiServer,
  startOpenAiServer,
} from '../../../test/fakes/openai-server.ts';
import type { ApiClient } from '../../../test/support/api-client.ts';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';

let host: TestHost;
let serverA: OpenAiServer;
let serverB: OpenAiServer;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
let other: Awaited<ReturnType<TestHost['signUp']>>;

/** A workflow asking the capital of France through core/llm with arms on the two servers. */
function capitalYaml(id: string, routing = '', judge = true): string {
  return `id: ${id}
name: Capital ${id}
nodes:
  - id: start
    uses: core/start@^1
    next: ask
  - id: ask
    uses: core/llm@^1
    with:
      prompt: What is the capital of France?
      arms:
        - { id: a, model: model-a, baseUrl: "${serverA.baseUrl}", costPer1kTokens: 0.001 }
        - { id: b, model: model-b, baseUrl: "${serverB.baseUrl}", apiKeySecret: B_KEY, costPer1kTokens: 0.01 }
${judge ? '      judge: { uses: judge/contains@^1, expected: Paris }\n' : ''}${routing}    next: done
  - id: done
    uses: core/end@^1
    with:
      output:
        text: "{{ nodes.ask.text }}"
        arm: "{{ nodes.ask.arm }}"
        explanation: "{{ nodes.ask.explanation }}"
        costUsd: "{{ nodes.ask.costUsd }}"
`;
}

const answers: Record<string, string> = {
  'model-a': 'The capital of France is Lyon.',
  'model-b': 'The capital of France is Paris.',
};

/** Answers by model; a JSON request is a judge asking for a verdict on the answer it quotes. */
function reply(body: ChatCompletionBody): string {
  if (body.response_format?.type !== 'json_object') return answers[String(body.model)] ?? '?';
  const quoted = body.messages?.map((m) => String(m.content)).join('\n') ?? '';
  const right = quoted.includes('France is Paris');
  return JSON.stringify({ score: right ? 1 : 0, reasoning: right ? 'names Paris' : 'does not name Paris' });
}

beforeAll(async () => {
  serverA = await startOpenAiServer({ reply });
  serverB = await startOpenAiServer({ apiKey: 'sk-test-b', reply });
  host = await startTestHost({ config: { allowPrivateNetwork: true } }); // the fake model servers are on loopback
  owner = await host.signUp('router-owner');
  other = await host.signUp('router-other');
  for (const tenant of [owner, other]) {
    expect((await tenant.client.put('/api/secrets/B_KEY', { value: 'sk-test-b' })).status).toBe(200);
    expect((await tenant.client.post('/api/workflows', { yaml: capitalYaml('capital') })).status).toBe(201);
  }
});
afterAll(async () => {
  await host?.close();
  await serverA?.close();
  await serverB?.close();
});

async function run(client: ApiClient, workflowId: string) {
  const res = await client.post('/api/runs', { workflowId, wait: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
  return res.body.output as { text: string; arm: string; explanation: string; costUsd: number };
}

async function routerOf(client: ApiClient, key: string) {
  const res = await client.get('/api/routers');
  expect(res.status).toBe(200);
  return res.body.routers.find((r: { key: string }) => r.key === key);
}

interface ArmStats {
  id: string;
  calls: number;
  successes: number;
  meanScore: number | null;
  costUsd: number;
}
const armOf = (router: { arms: ArmStats[] }, id: string) => router.arms.find((a) => a.id === id)!;

describe('routed LLM calls', () => {
  it('learns to prefer the model the judge scores higher, and explains why', async () => {
    const outputs = [];
    for (let i = 0; i < 16; i++) outputs.push(await run(owner.client, 'capital'));
    const fromB = outputs.find((o) => o.arm === 'b')!;
    expect(fromB.text).toBe('The capital of France is Paris.');
    expect(fromB.explanation).toContain('judge/contains scored the answer 1.00');
    // The fake counts words: prompt 6 + 3 per message = 9 tokens, answer 6; at 0.01 USD per 1000 tokens.
    expect(fromB.costUsd).toBeCloseTo(0.00015, 9);
    expect(serverB.requests.every((r) => r.headers.authorization === 'Bearer sk-test-b')).toBe(true);
    expect(serverA.requests.every((r) => r.headers.authorization === undefined)).toBe(true);

    const router = await routerOf(owner.client, 'capital:ask');
    expect(router).toMatchObject({ strategy: 'router/thompson', outcomes: 16 });
    const a = armOf(router, 'a');
    const b = armOf(router, 'b');
    expect(a.calls + b.calls).toBe(16);
    expect(b.calls).toBeGreaterThanOrEqual(10);
    expect(b.meanScore).toBe(1);
    if (a.calls > 0) expect(a.meanScore).toBe(0);
    expect(router.state.buckets['*'].b).toMatchObject({
      calls: b.calls,
      successes: b.calls,
      reward: b.calls,
    });
    expect(router.next.arm).toBe('b');
    expect(router.next.explanation).toMatch(
      new RegExp(`^'b' drew the highest sampled reward .*${b.calls} calls, 100% success, mean reward 1\\.00`),
    );
    expect(router.lastExplanation).toContain('judge/contains scored the answer');
  });

  it("leaves another tenant's router untouched", async () => {
    const before = await routerOf(owner.client, 'capital:ask');
    const own = await run(other.client, 'capital');
    const theirs = await routerOf(other.client, 'capital:ask');
    expect(theirs.outcomes).toBe(1);
    expect(armOf(theirs, own.arm).calls).toBe(1);
    const after = await routerOf(owner.client, 'capital:ask');
    expect(after.state).toEqual(before.state);
    expect(after.outcomes).toBe(16);
    const rows = await host.database.adminDb
      .selectFrom('router_outcomes')
      .select(['tenant_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('tenant_id')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.tenant_id, Number(r.n)]))).toMatchObject({
      [owner.tenantId]: 16,
      [other.tenantId]: 1,
    });
  });

  it("falls back to the next model when model A's server fails, and learns from both", async () => {
    const routing = '      router: router/fixed@^1\n      routerConfig: { arm: a, fallbacks: [b] }\n';
    await owner.client.post('/api/workflows', { yaml: capitalYaml('pinned', routing) });
    serverA.failNext({ status: 503, message: 'model-a is overloaded' });
    const output = await run(owner.client, 'pinned');
    expect(output.arm).toBe('b');
    expect(output.text).toContain('Paris');
    expect(output.explanation).toMatch(
      /^fixed to 'a' by configuration .*; 'a' failed \(provider-unavailable: .*model-a is overloaded\)\); answered by 'b'; judge\/contains scored/,
    );
    const router = await routerOf(owner.client, 'pinned:ask');
    expect(armOf(router, 'a')).toMatchObject({ calls: 1, successes: 0 });
    expect(armOf(router, 'b')).toMatchObject({ calls: 1, successes: 1, meanScore: 1 });
    expect(router.lastArm).toBe('b');
  });

  it('tries the next model when one does not answer in time', async () => {
    const silent = createServer(() => {}); // accepts the request and never answers
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    try {
      const { port } = silent.address() as AddressInfo;
      const yaml = capitalYaml(
        'slowpoke',
        '      router: router/fixed@^1\n      routerConfig: { arm: a, fallbacks: [b] }\n      timeoutMs: 300\n',
      ).replace(serverA.baseUrl, `http://127.0.0.1:${port}/v1`);
      await owner.client.post('/api/workflows', { yaml });
      const output = await run(owner.client, 'slowpoke');
      expect(output.arm).toBe('b');
      expect(output.explanation).toMatch(/'a' failed \(provider-unreachable: .*timeout.*\); answered by 'b'/);
    } finally {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });

  it('lets a judge that asks a model score with the arm it names', async () => {
    const routing =
      '      router: router/fixed@^1\n      routerConfig: { arm: a }\n' +
      '      judge: { uses: judge/llm@^1, arm: b }\n';
    await owner.client.post('/api/workflows', { yaml: capitalYaml('graded', routing, false) });
    const before = serverB.requests.length;
    const output = await run(owner.client, 'graded');
    expect(output.arm).toBe('a');
    expect(output.explanation).toContain('judge/llm scored the answer 0.00 (does not name Paris)');
    expect(serverB.requests.slice(before).map((r) => r.body.model)).toEqual(['model-b']);
    expect(armOf(await routerOf(owner.client, 'graded:ask'), 'a')).toMatchObject({ calls: 1, meanScore: 0 });
  });

  it('learns from feedback sent through the API', async () => {
    const before = await routerOf(owner.client, 'capital:ask');
    const bucket = (r: typeof before) => r.state.buckets['*'].a ?? { calls: 0, successes: 0, reward: 0 };
    const res = await owner.client.post('/api/routers/capital:ask/outcomes', {
      arm: 'a',
      success: true,
      score: 0.9,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(armOf(res.body, 'a').calls).toBe(armOf(before, 'a').calls + 1);
    expect(bucket(res.body).calls).toBe(bucket(before).calls + 1);
    expect(bucket(res.body).reward).toBeCloseTo(bucket(before).reward + 0.9, 9);
    expect(res.body.outcomes).toBe(17);
    expect(
      (await owner.client.post('/api/routers/capital:ask/outcomes', { arm: 'c', success: true })).body.error
        .message,
    ).toBe("router 'capital:ask' has no model 'c' (it routes between a, b)");
    expect(
      (await owner.client.post('/api/routers/nobody:here/outcomes', { arm: 'a', success: true })).status,
    ).toBe(404);
    expect(
      (await owner.client.post('/api/routers/capital:ask/outcomes', { arm: 'a', success: true, score: 2 }))
        .status,
    ).toBe(400);
  });

  it('loses no outcome when ten runs learn at once', async () => {
    await owner.client.post('/api/workflows', { yaml: capitalYaml('busy', '', false) });
    const outputs = await Promise.all(Array.from({ length: 10 }, () => run(owner.client, 'busy')));
    expect(outputs.every((o) => o.text.startsWith('The capital of France is'))).toBe(true);
    const router = await routerOf(owner.client, 'busy:ask');
    expect(router.outcomes).toBe(10);
    const all = router.state.buckets['*'] as Record<string, { calls: number }>;
    expect(Object.values(all).reduce((n, s) => n + s.calls, 0)).toBe(10);
    const { n } = await host.database.adminDb
      .selectFrom('router_outcomes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('router_key', '=', 'busy:ask')
      .where('tenant_id', '=', owner.tenantId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(10);
  });
});
