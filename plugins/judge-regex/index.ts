/**
 * judge/regex: the output matches (or must not match) a regular expression. Patterns that can
 * backtrack catastrophically are refused when the judge is configured, and outputs longer than a
 * limit fail instead of being scanned, so one hostile answer cannot stall an evaluation.
 */

import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { preview, toText } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { MAX_PATTERN_LENGTH, unsafeReason } from './safe-pattern.ts';

const ID = 'judge/regex';

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['pattern'],
  properties: {
    pattern: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_PATTERN_LENGTH,
      description: 'JavaScript regular expression, without slashes.',
    },
    flags: {
      type: 'string',
      default: 'u',
      description: 'Any of i (ignore case), m (multiline), s (dot matches newlines), u (Unicode).',
    },
    mode: {
      type: 'string',
      enum: ['match', 'no-match'],
      default: 'match',
      description: 'match: must match; no-match: must not.',
    },
    maxInputLength: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
      default: 20_000,
      description: 'Outputs longer than this many characters fail without being scanned.',
    },
    threshold: thresholdSetting(1),
  },
};

interface RegexConfig {
  pattern: string;
  flags: string;
  mode: 'match' | 'no-match';
  maxInputLength: number;
  threshold: number;
}

const compiled = new Map<string, RegExp>();

function compile(cfg: RegexConfig): RegExp {
  const key = `${cfg.flags}/${cfg.pattern}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  if (!/^[imsu]*$/.test(cfg.flags) || new Set(cfg.flags).size !== cfg.flags.length) {
    throw new UserError(
      'invalid-config',
      `${ID}: config.flags '${cfg.flags}' may only use i, m, s and u, each once`,
    );
  }
  const unsafe = unsafeReason(cfg.pattern);
  if (unsafe) throw new UserError('unsafe-pattern', `${ID}: pattern /${cfg.pattern}/ refused: ${unsafe}`);
  let re: RegExp;
  try {
    re = new RegExp(cfg.pattern, cfg.flags);
  } catch (error) {
    throw new UserError(
      'invalid-config',
      `${ID}: pattern /${cfg.pattern}/ is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  compiled.set(key, re);
  return re;
}

/** The regex judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'Regular expression',
    description:
      'Passes when the output matches (or does not match) a regular expression. Unsafe patterns are refused.',
    icon: 'regex',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<RegexConfig>(ID, config, rawConfig);
    const re = compile(cfg);
    const text = toText(input.output);
    if (text.length > cfg.maxInputLength) {
      return verdict(
        0,
        cfg.threshold,
        `output is ${text.length} characters, over the ${cfg.maxInputLength} the judge scans`,
      );
    }
    const match = re.exec(text);
    const ok = cfg.mode === 'match' ? match !== null : match === null;
    const reasoning = match
      ? `/${cfg.pattern}/ matched "${preview(match[0])}" at position ${match.index}${cfg.mode === 'no-match' ? ', which is not allowed' : ''}`
      : `/${cfg.pattern}/ found no match in "${preview(text)}"${cfg.mode === 'no-match' ? ', as required' : ''}`;
    return verdict(ok ? 1 : 0, cfg.threshold, reasoning);
  },
});
