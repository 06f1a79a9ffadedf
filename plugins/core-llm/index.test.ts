import { describe, expect, it } from 'vitest';
import type { LlmRequest } from '../../registry/sdk/plugin.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import llm from './index.ts';

const arms = [
  { id: 'a', model: 'model-a', baseUrl: 'http://127.0.0.1:1/v1' },
  { id: 'b', model: 'model-b', quality: 0.8 },
];

/** A context whose llm records the request and answers as a routed host would. */
function routedContext(content = 'Paris') {
  const requests: LlmRequest[] = [];
  const ctx = testContext({
    llm: async (request) => {
      requests.push(request);
      return {
        content,
        model: 'model-b-2024',
        usage: { promptTokens: 7, completionTokens: 1 },
        costUsd: 0.0001,
        arm: 'b',
        explanation: "'b' drew the highest sampled reward 0.91",
      };
    },
  });
  return { ctx, requests };
}

describe('core/llm', () => {
  it('sends the system message and prompt with the route, and reports arm, explanation and cost', async () => {
    const { ctx, requests } = routedContext();
    const output = await llm.run(
      {
        prompt: 'Capital of France?',
        system: 'Answer in one word.',
        arms,
        router: 'router/ucb1@^1',
        routerConfig: { exploration: 1 },
        routerKey: 'geo-questions',
        judge: { uses: 'judge/contains@^1', expected: 'Paris' },
        temperature: 0,
      },
      ctx,
    );
    expect(requests[0]).toEqual({
      messages: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      route: {
        arms,
        router: 'router/ucb1@^1',
        config: { exploration: 1 },
        key: 'geo-questions',
        judge: { uses: 'judge/contains@^1', expected: 'Paris' },
      },
      temperature: 0,
    });
    expect(output).toEqual({
      text: 'Paris',
      model: 'model-b-2024',
      arm: 'b',
      explanation: "'b' drew the highest sampled reward 0.91",
      usage: { promptTokens: 7, completionTokens: 1 },
      costUsd: 0.0001,
    });
  });

  it('passes a whole conversation and parses a JSON answer into data', async () => {
    const { ctx, requests } = routedContext('{"city":"Paris"}');
    const messages = [
      { role: 'user' as const, content: 'Where is the Louvre? Reply in JSON.' },
      { role: 'assistant' as const, content: 'In a city.' },
      { role: 'user' as const, content: 'Which one?' },
    ];
    const output = await llm.run({ messages, arms, json: true }, ctx);
    expect(requests[0]!.messages).toEqual(messages);
    expect(requests[0]!.json).toBe(true);
    expect(output.data).toEqual({ city: 'Paris' });
  });

  it('says what is wrong with its settings', async () => {
    const { ctx } = routedContext('not json');
    await expect(llm.run({ arms }, ctx)).rejects.toThrow('llm (node_1): set either "prompt" or "messages"');
    await expect(
      llm.run({ arms, prompt: 'x', messages: [{ role: 'user', content: 'y' }] }, ctx),
    ).rejects.toThrow('not both');
    await expect(llm.run({ prompt: 'x' }, ctx)).rejects.toThrow('list at least one model under "arms"');
    await expect(llm.run({ prompt: 'x', arms, json: true }, ctx)).rejects.toThrow(
      'asked for JSON but the answer is not: not json',
    );
    await expect(llm.run({ prompt: 'x', arms }, testContext())).rejects.toThrow(
      'no language model access was granted',
    );
  });

  it('stops waiting when the run is cancelled', async () => {
    const controller = new AbortController();
    const ctx = testContext({ signal: controller.signal, llm: () => new Promise(() => {}) });
    const running = llm.run({ prompt: 'x', arms }, ctx);
    controller.abort();
    await expect(running).rejects.toThrow('cancelled');
  });
});
