import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { loopbackFetch, staticSecrets } from '../../test/fakes/loopback-fetch.ts';
import { type OpenAiServer, startOpenAiServer } from '../../test/fakes/openai-server.ts';
import openai from './index.ts';

let server: OpenAiServer;
const signal = new AbortController().signal;
const ctx = () => ({
  fetch: loopbackFetch().fetch,
  secrets: staticSecrets({ OPENAI_API_KEY: 'sk-test-123' }),
  signal,
});

beforeAll(async () => {
  server = await startOpenAiServer({
    apiKey: 'sk-test-123',
    reply: (body) =>
      body.response_format?.type === 'json_object'
        ? '{"intent":"refund"}'
        : `Echo: ${String(body.messages?.at(-1)?.content)}`,
  });
});
afterAll(() => server.close());

describe('provider/openai', () => {
  it('sends a chat completion and returns the answer with usage and cost', async () => {
    const answer = await openai.complete(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Where is my parcel?' },
        ],
        temperature: 0.2,
        maxTokens: 50,
      },
      { baseUrl: server.baseUrl, model: 'fake-mini', inputPricePer1M: 0.15, outputPricePer1M: 0.6 },
      ctx(),
    );
    expect(answer.content).toBe('Echo: Where is my parcel?');
    expect(answer.model).toBe('fake-mini-2024-07-18');
    // The fake counts words plus 3 per message: (2 + 3) + (4 + 3) prompt, "Echo: Where is my parcel?" = 5.
    expect(answer.usage).toEqual({ promptTokens: 12, completionTokens: 5 });
    expect(answer.costUsd).toBeCloseTo((12 * 0.15 + 5 * 0.6) / 1e6, 12);
    const sent = server.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-test-123');
    expect(sent.body).toMatchObject({ model: 'fake-mini', temperature: 0.2, max_tokens: 50 });
  });

  it('asks for a JSON object when the request wants JSON, and lets the request pick the model', async () => {
    const answer = await openai.complete(
      {
        messages: [{ role: 'user', content: 'Classify as JSON: I want my money back' }],
        json: true,
        model: 'other-model',
      },
      { baseUrl: `${server.baseUrl}/` },
      ctx(),
    );
    expect(JSON.parse(answer.content)).toEqual({ intent: 'refund' });
    expect(server.requests.at(-1)!.body).toMatchObject({
      model: 'other-model',
      response_format: { type: 'json_object' },
    });
    expect(answer.costUsd).toBeUndefined();
  });

  it('explains a wrong API key with the secret to fix', async () => {
    const attempt = openai.complete(
      { messages: [{ role: 'user', content: 'hi' }] },
      { baseUrl: server.baseUrl, apiKeySecret: 'MY_KEY' },
      { fetch: loopbackFetch().fetch, secrets: staticSecrets({ MY_KEY: 'wrong' }), signal },
    );
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(
      /refused the API key \(401: Incorrect API key provided\.\); check the tenant secret 'MY_KEY'/,
    );
  });

  it('passes the server’s reason when it rejects a request', async () => {
    const attempt = openai.complete(
      { messages: [{ role: 'user', content: 'no magic word' }], json: true },
      { baseUrl: server.baseUrl },
      ctx(),
    );
    await expect(attempt).rejects.toThrow(
      /rejected the request \(400: 'messages' must contain the word 'json'/,
    );
  });

  it('reports rate limits and server errors as retryable', async () => {
    for (const status of [429, 503]) {
      server.failNext({ status, message: 'Rate limit reached for requests' });
      const error = await openai
        .complete({ messages: [{ role: 'user', content: 'hi' }] }, { baseUrl: server.baseUrl }, ctx())
        .catch((e) => e);
      expect(error).toBeInstanceOf(OperationalError);
      expect(error).toMatchObject({ code: 'provider-unavailable', retryable: true, details: { status } });
    }
  });

  it('reports an unreachable server as retryable', async () => {
    const closed = await startOpenAiServer();
    await closed.close();
    const attempt = openai.complete(
      { messages: [{ role: 'user', content: 'hi' }] },
      { baseUrl: closed.baseUrl },
      ctx(),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'provider-unreachable', retryable: true });
  });

  it('works without an API key for local servers', async () => {
    const local = await startOpenAiServer();
    try {
      const answer = await openai.complete(
        { messages: [{ role: 'user', content: 'hello' }] },
        { baseUrl: local.baseUrl },
        { fetch: loopbackFetch().fetch, signal },
      );
      expect(answer.content).toBe('You said: hello');
      expect(local.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  it('rejects unknown settings', async () => {
    await expect(openai.complete({ messages: [] }, { baseURL: 'x' }, ctx())).rejects.toThrow(
      /config.baseURL is not a known setting/,
    );
  });
});
