/**
 * provider/openai: chat completions from any OpenAI-compatible server (OpenAI, Azure-style
 * gateways, Ollama, vLLM, llama.cpp) through ctx.fetch. Reports token usage and, when prices are
 * configured, the cost, so routers and billing see every call.
 */

import { definePlugin, type LlmResponse, type ProviderPlugin } from '../../registry/sdk/plugin.ts';
import { OperationalError } from '../../runtime/workflow/errors.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { providerError } from './provider-error.ts';

const ID = 'provider/openai';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    baseUrl: {
      type: 'string',
      minLength: 1,
      default: 'https://api.openai.com/v1',
      description: 'Server address up to /v1, e.g. http://localhost:11434/v1 for Ollama.',
    },
    model: {
      type: 'string',
      minLength: 1,
      default: 'gpt-4o-mini',
      description: 'Model used when the request names none.',
    },
    apiKeySecret: {
      type: 'string',
      minLength: 1,
      default: 'OPENAI_API_KEY',
      description:
        'Name of the tenant secret holding the API key. Local servers without keys may leave it unset.',
    },
    inputPricePer1M: {
      type: 'number',
      minimum: 0,
      description: 'USD per million prompt tokens, to report cost.',
    },
    outputPricePer1M: {
      type: 'number',
      minimum: 0,
      description: 'USD per million completion tokens, to report cost.',
    },
  },
};

interface OpenAiConfig {
  baseUrl: string;
  model: string;
  apiKeySecret: string;
  inputPricePer1M?: number;
  outputPricePer1M?: number;
}

interface Completion {
  model?: string;
  choices?: Array<{ message?: { content?: string | null; refusal?: string | null } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** The OpenAI-compatible provider. */
export default definePlugin<ProviderPlugin>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'provider',
    title: 'OpenAI-compatible',
    description: 'Chat completions from OpenAI or any server that speaks its API (Ollama, vLLM, llama.cpp).',
    category: 'Providers',
    icon: 'bot',
    config,
    outputs: {
      type: 'object',
      required: ['content', 'model', 'usage'],
      properties: {
        content: { type: 'string' },
        model: { type: 'string' },
        usage: {
          type: 'object',
          properties: { promptTokens: { type: 'integer' }, completionTokens: { type: 'integer' } },
        },
        costUsd: { type: 'number' },
      },
    },
    permissions: { net: ['api.openai.com'], secrets: ['OPENAI_API_KEY'] },
  },

  async complete(request, rawConfig, ctx) {
    const cfg = readConfig<OpenAiConfig>(ID, config, rawConfig);
    if (!ctx.fetch)
      throw new OperationalError(
        'missing-capability',
        `${ID}: network access (permissions.net) is not granted`,
      );
    const url = `${cfg.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const key = await ctx.secrets?.get(cfg.apiKeySecret);
    const body: Record<string, unknown> = { model: request.model ?? cfg.model, messages: request.messages };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
    if (request.json) body.response_format = { type: 'json_object' };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (key) headers.authorization = `Bearer ${key}`;

    let response: Awaited<ReturnType<NonNullable<typeof ctx.fetch>>>;
    try {
      response = await ctx.fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch (error) {
      throw new OperationalError(
        'provider-unreachable',
        `${ID}: could not reach ${url}: ${(error as Error).message}`,
        {},
        { cause: error },
      );
    }
    if (response.status < 200 || response.status > 299)
      throw providerError(response.status, response.body, `${ID} at ${url}`, cfg.apiKeySecret);

    let completion: Completion;
    try {
      completion = JSON.parse(response.body) as Completion;
    } catch {
      throw new OperationalError(
        'provider-bad-response',
        `${ID}: ${url} answered ${response.status} with a body that is not JSON`,
      );
    }
    const message = completion.choices?.[0]?.message;
    if (!message)
      throw new OperationalError(
        'provider-bad-response',
        `${ID}: ${url} answered without choices[0].message`,
      );
    const promptTokens = completion.usage?.prompt_tokens ?? 0;
    const completionTokens = completion.usage?.completion_tokens ?? 0;
    const result: LlmResponse = {
      // A refusal is the model's answer too; callers see it as text rather than an error.
      content: message.content ?? message.refusal ?? '',
      model: completion.model ?? String(body.model),
      usage: { promptTokens, completionTokens },
    };
    if (cfg.inputPricePer1M !== undefined || cfg.outputPricePer1M !== undefined) {
      const cost =
        (promptTokens * (cfg.inputPricePer1M ?? 0) + completionTokens * (cfg.outputPricePer1M ?? 0)) / 1e6;
      result.costUsd = Math.round(cost * 1e9) / 1e9;
    }
    return result;
  },
});
