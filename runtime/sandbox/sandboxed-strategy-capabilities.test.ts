/**
 * Third-party judges and providers run in a real sandbox pool and reach the host only through the
 * capabilities their manifest declares: a judge's ctx.llm, a provider's ctx.fetch (here to a
 * loopback server speaking OpenAI's chat completions) and ctx.secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmRequest, Permissions, PluginKind } from '../../registry/sdk/plugin.ts';
import { loopbackFetch, staticSecrets } from '../../test/fakes/loopback-fetch.ts';
import { type OpenAiServer, startOpenAiServer } from '../../test/fakes/openai-server.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import {
  createSandboxedStrategy,
  type SandboxedJudge,
  type SandboxedProvider,
} from './sandboxed-strategy.ts';
import { testManifest } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1, limits: { cpuMs: 1_000, memoryMb: 32 } });
let server: OpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: 'sk-acme', reply: (body) => `echo ${body.model}` });
});
afterAll(async () => {
  await pool.close();
  await server?.close();
});

function strategy(name: string, kind: PluginKind, source: string, permissions: Permissions = {}) {
  const manifest = testManifest(`acme/${name}`, kind, permissions);
  return createSandboxedStrategy({ manifest, source }, pool, { tenantId: 'acme' });
}

const JUDGE = `export default definePlugin({
  async judge(input, config, ctx) {
    if (config.askModel) {
      const answer = await ctx.llm({ messages: [{ role: 'user', content: 'Grade: ' + input.output }] });
      const score = Number(answer.content);
      return { score, pass: score >= 0.5, reasoning: 'the model graded it ' + answer.content };
    }
    const found = String(input.output).includes(String(input.expected));
    ctx.log('judged', { found });
    return { score: found ? 1 : 0, pass: found, reasoning: (found ? 'mentions ' : 'does not mention ') + input.expected };
  },
});`;

describe('a sandboxed judge', () => {
  const logs: string[] = [];
  const ctx = (
    llm?: (r: LlmRequest) => Promise<{
      content: string;
      model: string;
      usage: { promptTokens: number; completionTokens: number };
    }>,
  ) => ({
    signal: new AbortController().signal,
    log: (message: string) => void logs.push(message),
    ...(llm ? { llm } : {}),
  });

  it('scores an answer and logs through the host', async () => {
    const judge = strategy('mentions', 'judge', JUDGE) as SandboxedJudge;
    await expect(judge.judge({ output: 'Paris it is', expected: 'Paris' }, {}, ctx())).resolves.toEqual({
      score: 1,
      pass: true,
      reasoning: 'mentions Paris',
    });
    expect(logs).toContain('judged');
    await expect(judge.judge({ output: 'Lyon', expected: 'Paris' }, {}, ctx())).resolves.toMatchObject({
      score: 0,
      reasoning: 'does not mention Paris',
    });
  });

  it("gives up when the caller's time limit passes", async () => {
    const stuck = strategy('stuck', 'judge', JUDGE, { llm: true }) as SandboxedJudge;
    const never = () => new Promise<never>(() => {});
    const limited = { ...ctx(never), signal: AbortSignal.timeout(100) };
    await expect(stuck.judge({ output: 'Paris' }, { askModel: true }, limited)).rejects.toThrow(
      "acme/stuck@1.0.0 gave no answer within the call's time limit",
    );
  });

  it('asks a model through ctx.llm only when its manifest asks for permissions.llm', async () => {
    const asked: string[] = [];
    const llm = async (request: LlmRequest) => {
      asked.push(request.messages[0]!.content);
      return { content: '0.75', model: 'grader', usage: { promptTokens: 1, completionTokens: 1 } };
    };
    const permitted = strategy('grader', 'judge', JUDGE, { llm: true }) as SandboxedJudge;
    await expect(permitted.judge({ output: 'Paris' }, { askModel: true }, ctx(llm))).resolves.toEqual({
      score: 0.75,
      pass: true,
      reasoning: 'the model graded it 0.75',
    });
    expect(asked).toEqual(['Grade: Paris']);
    const unpermitted = strategy('sneaky', 'judge', JUDGE) as SandboxedJudge;
    await expect(unpermitted.judge({ output: 'Paris' }, { askModel: true }, ctx(llm))).rejects.toThrow(
      /ctx\.llm is not a function/,
    );
    expect(asked).toHaveLength(1);
  });
});

const PROVIDER = `export default definePlugin({
  async complete(request, config, ctx) {
    const key = await ctx.secrets.get('ACME_KEY');
    const res = await ctx.fetch(config.baseUrl + '/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
      body: JSON.stringify({ model: request.model, messages: request.messages }),
    });
    if (res.status !== 200) throw new Error('the server answered ' + res.status + ': ' + res.body);
    const body = JSON.parse(res.body);
    return {
      content: body.choices[0].message.content,
      model: body.model,
      usage: { promptTokens: body.usage.prompt_tokens, completionTokens: body.usage.completion_tokens },
    };
  },
});`;

describe('a sandboxed provider', () => {
  const ctx = () => ({
    fetch: loopbackFetch().fetch,
    secrets: staticSecrets({ ACME_KEY: 'sk-acme', OTHER: 'sk-other' }),
    signal: new AbortController().signal,
  });
  const request = { messages: [{ role: 'user' as const, content: 'hello there' }], model: 'tiny' };
  const provider = (net: string[], secrets = ['ACME_KEY']) =>
    strategy('chat', 'provider', PROVIDER, { net, secrets }) as SandboxedProvider;

  it('answers a chat completion from an OpenAI-compatible server through ctx.fetch and ctx.secrets', async () => {
    const host = new URL(server.baseUrl).host;
    const answer = await provider([host]).complete(request, { baseUrl: server.baseUrl }, ctx());
    expect(answer).toEqual({
      content: 'echo tiny',
      model: 'tiny-2024-07-18',
      usage: { promptTokens: 5, completionTokens: 2 },
    });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-acme');
  });

  it('reaches only the hosts and secrets its manifest declares', async () => {
    const elsewhere = provider(['127.0.0.1:1']);
    await expect(elsewhere.complete(request, { baseUrl: server.baseUrl }, ctx())).rejects.toThrow(
      `fetch to '${new URL(server.baseUrl).host}' is not allowed: acme/chat may only reach 127.0.0.1:1`,
    );
    const keyless = provider([new URL(server.baseUrl).host], ['OTHER']);
    await expect(keyless.complete(request, { baseUrl: server.baseUrl }, ctx())).rejects.toThrow(
      "secret 'ACME_KEY' is not declared in the permissions of acme/chat",
    );
  });
});
