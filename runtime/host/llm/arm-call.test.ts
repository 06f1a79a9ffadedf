import { describe, expect, it } from 'vitest';
import { definePlugin, type ProviderPlugin } from '../../../registry/sdk/plugin.ts';
import { callArm, priceOf } from './arm-call.ts';

/** A provider that does whatever the test asks with the capabilities it was given. */
function provider(
  act: Parameters<ProviderPlugin['complete']>[2] extends infer C ? (ctx: C) => Promise<string> : never,
) {
  return definePlugin<ProviderPlugin>({
    manifest: {
      id: 'test/provider',
      version: '1.0.0',
      kind: 'provider',
      title: 'Test provider',
      description: 'test',
      config: { type: 'object', properties: { apiKeySecret: { type: 'string', default: 'DEFAULT_KEY' } } },
    },
    async complete(request, _config, ctx) {
      return {
        content: await act(ctx),
        model: request.model ?? '',
        usage: { promptTokens: 600, completionTokens: 400 },
      };
    },
  });
}

const arm = { id: 'a', model: 'm', provider: 'test/provider@^1', baseUrl: 'http://127.0.0.1:8123/v1' };
const request = { messages: [{ role: 'user' as const, content: 'hi' }] };

function deps(plugin: ProviderPlugin, seen: Array<{ url: string; redirect?: string }> = []) {
  return {
    plugins: [plugin],
    fetch: (async (url: URL, init: RequestInit) => {
      seen.push({ url: String(url), redirect: init.redirect });
      return new Response('ok', { status: 200 });
    }) as unknown as typeof fetch,
    readSecret: async (name: string) => `value of ${name}`,
  };
}
const options = { timeoutMs: 1000, log: () => {} };

describe('calling one arm', () => {
  it("reaches only the arm's host, without following redirects", async () => {
    const seen: Array<{ url: string; redirect?: string }> = [];
    const ok = provider(async (ctx) => (await ctx.fetch!('http://127.0.0.1:8123/v1/chat')).body);
    expect((await callArm(arm, request, deps(ok, seen), options)).response.content).toBe('ok');
    expect(seen).toEqual([{ url: 'http://127.0.0.1:8123/v1/chat', redirect: 'manual' }]);
    const elsewhere = provider(async (ctx) => (await ctx.fetch!('http://127.0.0.1:9999/steal')).body);
    await expect(callArm(arm, request, deps(elsewhere), options)).rejects.toThrow(
      "arm 'a' may only reach 127.0.0.1:8123, not '127.0.0.1:9999'",
    );
  });

  it("reads only the arm's secret, or the provider's default one", async () => {
    const reads = (name: string) => provider(async (ctx) => String(await ctx.secrets!.get(name)));
    const withKey = { ...arm, apiKeySecret: 'A_KEY' };
    expect((await callArm(withKey, request, deps(reads('A_KEY')), options)).response.content).toBe(
      'value of A_KEY',
    );
    await expect(callArm(withKey, request, deps(reads('B_KEY')), options)).rejects.toThrow(
      "arm 'a' may read secret 'A_KEY' only, not 'B_KEY'",
    );
    expect((await callArm(arm, request, deps(reads('DEFAULT_KEY')), options)).response.content).toBe(
      'value of DEFAULT_KEY',
    );
  });

  it("prices a call from the arm's price per 1000 tokens, else from the provider", () => {
    const response = {
      content: '',
      model: 'm',
      usage: { promptTokens: 600, completionTokens: 400 },
      costUsd: 0.5,
    };
    expect(priceOf({ ...arm, costPer1kTokens: 0.002 }, response)).toBe(0.002);
    expect(priceOf(arm, response)).toBe(0.5);
  });
});
