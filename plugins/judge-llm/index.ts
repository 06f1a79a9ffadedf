/**
 * judge/llm: asks a language model to score the output against written criteria, for what no
 * string rule can check (helpfulness, tone, faithfulness). Goes through ctx.llm, so it is routed,
 * metered and billed like any other call; temperature 0 keeps verdicts as repeatable as the model allows.
 */

import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { toText } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { judgePrompt } from './judge-prompt.ts';
import { parseVerdict } from './parse-verdict.ts';

const ID = 'judge/llm';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    criteria: {
      type: 'string',
      minLength: 1,
      default:
        'The output answers the input correctly, completely and politely, and agrees with the expected answer if one is given.',
      description: 'What a good output does, in plain words.',
    },
    model: { type: 'string', minLength: 1, description: 'Model to ask. Empty: the router decides.' },
    temperature: {
      type: 'number',
      minimum: 0,
      maximum: 2,
      default: 0,
      description: 'Sampling temperature; 0 for repeatable verdicts.',
    },
    maxOutputChars: {
      type: 'integer',
      minimum: 100,
      default: 8000,
      description: 'Longer outputs are cut to this many characters before being sent, to bound cost.',
    },
    threshold: thresholdSetting(0.7),
  },
};

interface LlmJudgeConfig {
  criteria: string;
  model?: string;
  temperature: number;
  maxOutputChars: number;
  threshold: number;
}

/** The LLM judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'LLM judge',
    description: 'Asks a language model to score the output against your criteria and explain why.',
    icon: 'scale',
    config,
    permissions: { llm: true },
  }),

  async judge(input, rawConfig, ctx) {
    const cfg = readConfig<LlmJudgeConfig>(ID, config, rawConfig);
    if (!ctx.llm)
      throw new UserError(
        'missing-capability',
        `${ID}: no language model is available to this judge (permissions.llm)`,
      );
    const output = toText(input.output);
    const messages = judgePrompt({
      criteria: cfg.criteria,
      output:
        output.length > cfg.maxOutputChars
          ? `${output.slice(0, cfg.maxOutputChars)}\n[cut at ${cfg.maxOutputChars} characters]`
          : output,
      input: input.input === undefined ? undefined : toText(input.input),
      expected: input.expected === undefined ? undefined : toText(input.expected),
    });
    const answer = await ctx.llm({ messages, model: cfg.model, temperature: cfg.temperature, json: true });
    const said = parseVerdict(ID, answer.content);
    const result = verdict(said.score, cfg.threshold, said.reasoning);
    if (said.pass !== undefined && said.pass !== result.pass) {
      result.reasoning += ` (the model said ${said.pass ? 'pass' : 'fail'}; the threshold ${cfg.threshold} decides)`;
    }
    return result;
  },
});
