/** The `with:` block of core/llm as JSON Schema: the studio draws the node's form from it. */
import type { JsonSchema } from '../../registry/sdk/plugin.ts';

const arm: JsonSchema = {
  type: 'object',
  title: 'Model',
  additionalProperties: false,
  required: ['id', 'model'],
  properties: {
    id: {
      type: 'string',
      title: 'Name',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$',
      description:
        'A short name the router learns under, e.g. "small" or "large". Keep it when you change the model.',
    },
    model: {
      type: 'string',
      title: 'Model',
      minLength: 1,
      description: 'The model name the server knows, e.g. gpt-4o-mini.',
    },
    baseUrl: {
      type: 'string',
      title: 'Server address',
      description:
        'Up to /v1, e.g. http://localhost:11434/v1 for Ollama. Calls reach this host only. Default: OpenAI.',
    },
    apiKeySecret: {
      type: 'string',
      title: 'API key secret',
      pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$',
      description:
        'Name of the workspace secret holding the API key; only this secret is read. Default: OPENAI_API_KEY.',
    },
    costPer1kTokens: {
      type: 'number',
      title: 'Price per 1000 tokens (USD)',
      minimum: 0,
      description: 'Used to report cost and, when the router weighs cost, to prefer cheaper models.',
    },
    quality: {
      type: 'number',
      title: 'Expected quality',
      minimum: 0,
      maximum: 1,
      description: 'Your prior guess (0 to 1) of how good its answers are, before the router has learned.',
    },
    provider: {
      type: 'string',
      title: 'Provider plugin',
      default: 'provider/openai@^1',
      description: 'The provider that speaks to this server.',
    },
  },
};

/** The config schema. */
export const llmConfigSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['arms'],
  properties: {
    prompt: {
      type: 'string',
      title: 'Prompt',
      'x-widget': 'textarea',
      description: 'What to ask, e.g. "Summarise: {{ inputs.text }}". Use this or Messages.',
    },
    messages: {
      type: 'array',
      title: 'Messages',
      description: 'A whole conversation instead of one prompt, oldest first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'content'],
        properties: {
          role: { type: 'string', enum: ['system', 'user', 'assistant'] },
          content: { type: 'string' },
        },
      },
    },
    system: {
      type: 'string',
      title: 'Instructions',
      'x-widget': 'textarea',
      description: 'A system message put first: who the assistant is and how it should answer.',
    },
    arms: {
      type: 'array',
      title: 'Models',
      minItems: 1,
      items: arm,
      description: 'The models the router chooses between.',
    },
    router: {
      type: 'string',
      title: 'Router',
      default: 'router/thompson@^1',
      description:
        'How a model is chosen for each call; it learns from every outcome (success, score, cost, time).',
    },
    routerConfig: {
      type: 'object',
      title: 'Router settings',
      default: {},
      description: 'Settings of the chosen router.',
    },
    routerKey: {
      type: 'string',
      title: 'Shared router name',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$',
      description: 'Nodes with the same name learn together. Empty: this node learns on its own.',
    },
    judge: {
      type: 'object',
      title: 'Judge',
      additionalProperties: false,
      required: ['uses'],
      description:
        'Scores each answer so the router learns which model answers well, not just which answers at all.',
      properties: {
        uses: { type: 'string', title: 'Judge plugin', description: 'e.g. judge/contains@^1.' },
        config: { type: 'object', title: 'Judge settings', default: {} },
        expected: {
          title: 'Expected answer',
          description: 'What a good answer contains or equals, for judges that compare.',
        },
        arm: {
          type: 'string',
          title: 'Judge model',
          description: 'For judges that ask a model: the name of one of the models above.',
        },
      },
    },
    json: {
      type: 'boolean',
      title: 'JSON answer',
      default: false,
      description: 'Ask for a JSON object and parse it into "data".',
    },
    temperature: {
      type: 'number',
      title: 'Temperature',
      minimum: 0,
      maximum: 2,
      description: 'Higher is more varied.',
    },
    maxTokens: { type: 'integer', title: 'Answer length limit (tokens)', minimum: 1 },
    timeoutMs: {
      type: 'integer',
      title: 'Time limit per model (ms)',
      minimum: 100,
      default: 60000,
      description: 'After this the next model the router suggests is tried.',
    },
  },
};

/** The output schema. */
export const llmOutputSchema: JsonSchema = {
  type: 'object',
  required: ['text', 'model', 'arm', 'explanation', 'usage'],
  properties: {
    text: { type: 'string', description: 'The answer.' },
    data: { description: 'The answer parsed as JSON, when "JSON answer" is on.' },
    model: { type: 'string', description: 'The model that answered, as the server named it.' },
    arm: { type: 'string', description: 'The name of the model entry that answered.' },
    explanation: {
      type: 'string',
      description: 'Why the router chose it (and any fallback or judge score).',
    },
    usage: {
      type: 'object',
      properties: { promptTokens: { type: 'integer' }, completionTokens: { type: 'integer' } },
    },
    costUsd: { type: 'number', description: 'What the call cost, when prices are known.' },
  },
};
