/**
 * core/intent: classifies a message into one of the intents the builder lists with example phrases,
 * offline, with no model download. Reports the intent as `output.branch`, or `fallback` when the best
 * score is under the threshold, so `next:` can route with `on: <intent>`.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { classify, type IntentModel, train } from './classifier.ts';

/** The node's `with:` block. */
export interface IntentConfig {
  text?: unknown;
  intents?: Record<string, string[]>;
  threshold?: number;
}

/** What the node reports. */
export interface IntentOutput {
  intent: string;
  confidence: number;
  branch: string;
  /** The best-scoring intent even when under the threshold. */
  bestGuess: string | null;
  scores: Record<string, number>;
}

/** Trained models by their examples; flows run the same config many times. */
const models = new Map<string, IntentModel>();
const MAX_MODELS = 64;

/** The model for these examples, trained once. */
function modelFor(intents: Record<string, string[]>): IntentModel {
  const key = JSON.stringify(intents);
  let model = models.get(key);
  if (!model) {
    model = train(intents);
    if (models.size >= MAX_MODELS) models.delete(models.keys().next().value!);
    models.set(key, model);
  }
  return model;
}

/** Checks the examples and says exactly what is wrong with them. */
function checkIntents(intents: unknown): Record<string, string[]> {
  if (
    intents === null ||
    typeof intents !== 'object' ||
    Array.isArray(intents) ||
    Object.keys(intents).length === 0
  ) {
    throw new UserError(
      'invalid-config',
      'intent: "intents" must map each intent name to a list of example phrases',
    );
  }
  for (const [name, examples] of Object.entries(intents)) {
    if (name === 'fallback')
      throw new UserError(
        'invalid-config',
        'intent: "fallback" is reserved for messages under the threshold',
      );
    if (!Array.isArray(examples) || examples.length === 0 || examples.some((e) => typeof e !== 'string')) {
      throw new UserError('invalid-config', `intent: "${name}" needs a list of example phrases`);
    }
  }
  return intents as Record<string, string[]>;
}

/** Rounds a score for stable, readable output. */
const round = (x: number) => Math.round(x * 1000) / 1000;

const plugin: NodePlugin<IntentConfig, IntentOutput> = definePlugin({
  manifest: {
    id: 'core/intent',
    version: '1.0.0',
    kind: 'node',
    title: 'Intent',
    description:
      'Recognises what a message is about, trained from example phrases you list per intent (TF-IDF over words and ' +
      'letter groups, so it tolerates typos; runs offline). The branch is the intent name, or "fallback" when the ' +
      'best score (0..1, similarity to your examples) is under the threshold.',
    category: 'AI',
    icon: 'brain',
    config: {
      type: 'object',
      properties: {
        text: {
          type: 'string',
          title: 'Text',
          description: 'The message to classify, e.g. "{{ inputs.message }}".',
        },
        intents: {
          type: 'object',
          title: 'Intents',
          description:
            'Each intent name with 3-10 example phrases a customer might write. "fallback" is reserved.',
          additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
          default: {},
        },
        threshold: {
          type: 'number',
          title: 'Threshold',
          description:
            'Minimum score to accept an intent; below it the branch is "fallback". 0.25-0.4 suits most flows.',
          minimum: 0,
          maximum: 1,
          default: 0.3,
        },
      },
      required: ['text', 'intents'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        intent: { type: 'string', description: 'The recognised intent, or "fallback".' },
        confidence: { type: 'number', description: 'Score of the best intent, 0..1.' },
        branch: { type: 'string', description: 'Same as intent: the branch taken.' },
        bestGuess: {
          type: ['string', 'null'],
          description: 'The best-scoring intent even under the threshold (null for an empty message).',
        },
        scores: {
          type: 'object',
          additionalProperties: { type: 'number' },
          description: 'Every intent with its score.',
        },
      },
      required: ['intent', 'confidence', 'branch', 'bestGuess', 'scores'],
    },
    branches: { fromConfig: 'intents', extra: ['fallback'] },
    examples: [
      {
        title: 'Support triage',
        with: {
          text: 'where is my parcel?',
          intents: { track: ['where is my order', 'track my parcel'], refund: ['I want my money back'] },
        },
      },
    ],
  },
  run(config) {
    const intents = checkIntents(config.intents);
    const threshold = config.threshold ?? 0.3;
    const text =
      typeof config.text === 'string' ? config.text : config.text == null ? '' : String(config.text);
    const results = classify(modelFor(intents), text);
    let best = results[0]!;
    for (const r of results) if (r.score > best.score) best = r;
    const scores = Object.fromEntries(results.map((r) => [r.intent, round(r.score)]));
    const accepted = best.score > 0 && best.score >= threshold;
    const intent = accepted ? best.intent : 'fallback';
    return {
      intent,
      confidence: round(best.score),
      branch: intent,
      bestGuess: best.score > 0 ? best.intent : null,
      scores,
    };
  },
});

export default plugin;
