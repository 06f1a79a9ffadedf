/**
 * core/llm: asks a language model. The host routes the call (ctx.llm): a router strategy picks one
 * of the listed models from what it learned for this workspace, falls back to the others when a
 * model fails, has a judge score the answer when one is set, and learns from the outcome. Needs
 * nothing but ctx.llm, so it runs in the sandbox like any plugin.
 */
import {
  definePlugin,
  type LlmArm,
  type LlmRequest,
  type LlmRoute,
  type NodeContext,
  type NodePlugin,
} from '../../registry/sdk/plugin.ts';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { untilAborted } from '../node-kit/until-aborted.ts';
import { llmConfigSchema, llmOutputSchema } from './llm-config.schema.ts';

type Message = LlmRequest['messages'][number];

/** The node's `with:` block. */
export interface LlmConfig {
  prompt?: string;
  messages?: Message[];
  system?: string;
  arms?: LlmArm[];
  router?: string;
  routerConfig?: Record<string, unknown>;
  routerKey?: string;
  judge?: LlmRoute['judge'];
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
}

/** What the node reports. */
export interface LlmOutput {
  text: string;
  data?: unknown;
  model: string;
  arm: string;
  explanation: string;
  usage: { promptTokens: number; completionTokens: number };
  costUsd?: number;
}

/** The conversation to send: the system message first, then `messages` or the prompt. */
export function messagesOf(config: LlmConfig, nodeId: string): Message[] {
  const hasPrompt = typeof config.prompt === 'string' && config.prompt.trim() !== '';
  const hasMessages = Array.isArray(config.messages) && config.messages.length > 0;
  if (hasPrompt === hasMessages)
    throw new UserError(
      'invalid-config',
      `llm (${nodeId}): set either "prompt" or "messages"${hasPrompt ? ', not both' : ''}`,
    );
  const system: Message[] = config.system ? [{ role: 'system', content: config.system }] : [];
  return [
    ...system,
    ...(hasPrompt ? [{ role: 'user' as const, content: config.prompt! }] : config.messages!),
  ];
}

/** The route the host follows, from the node's settings. */
export function routeOf(config: LlmConfig, nodeId: string): LlmRoute {
  if (!Array.isArray(config.arms) || config.arms.length === 0)
    throw new UserError('invalid-config', `llm (${nodeId}): list at least one model under "arms"`);
  const route: LlmRoute = { arms: config.arms };
  if (config.router !== undefined) route.router = config.router;
  if (config.routerConfig !== undefined) route.config = config.routerConfig;
  if (config.routerKey !== undefined && config.routerKey !== '') route.key = config.routerKey;
  if (config.judge !== undefined) route.judge = config.judge;
  if (config.timeoutMs !== undefined) route.timeoutMs = config.timeoutMs;
  return route;
}

const plugin: NodePlugin<LlmConfig, Promise<LlmOutput>> = definePlugin({
  manifest: {
    id: 'core/llm',
    version: '1.0.0',
    kind: 'node',
    title: 'Ask an LLM',
    description:
      'Asks a language model and returns its answer. List one or more models; a router picks one per call and learns ' +
      'from every outcome (did it answer, how a judge scored it, what it cost, how long it took) which model serves ' +
      'this step best, and says why it chose it. When a model fails or is too slow, the next one is tried.',
    category: 'AI',
    icon: 'brain',
    config: llmConfigSchema,
    outputs: llmOutputSchema,
    permissions: { llm: true },
    examples: [
      {
        title: 'Answer with the better of two models',
        with: {
          prompt: 'What is the capital of France?',
          arms: [
            { id: 'small', model: 'gpt-4o-mini', costPer1kTokens: 0.0006 },
            { id: 'large', model: 'gpt-4o', costPer1kTokens: 0.01 },
          ],
          judge: { uses: 'judge/contains@^1', expected: 'Paris' },
        },
      },
    ],
  },

  async run(config, ctx: NodeContext) {
    const messages = messagesOf(config, ctx.nodeId);
    const route = routeOf(config, ctx.nodeId);
    if (!ctx.llm)
      throw new NodeError('missing-capability', `llm (${ctx.nodeId}): no language model access was granted`, {
        nodeId: ctx.nodeId,
      });
    const request: LlmRequest = { messages, route };
    if (config.json) request.json = true;
    if (config.temperature !== undefined) request.temperature = config.temperature;
    if (config.maxTokens !== undefined) request.maxTokens = config.maxTokens;
    const answer = await Promise.race([ctx.llm(request), untilAborted(ctx.signal)]);
    const output: LlmOutput = {
      text: answer.content,
      model: answer.model,
      arm: answer.arm ?? '',
      explanation: answer.explanation ?? '',
      usage: answer.usage,
    };
    if (answer.costUsd !== undefined) output.costUsd = answer.costUsd;
    if (config.json) {
      try {
        output.data = JSON.parse(answer.content);
      } catch {
        throw new NodeError(
          'llm-bad-json',
          `llm (${ctx.nodeId}): asked for JSON but the answer is not: ${answer.content.slice(0, 120)}`,
          {
            nodeId: ctx.nodeId,
          },
        );
      }
    }
    return output;
  },
});

export default plugin;
