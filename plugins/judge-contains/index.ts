/**
 * judge/contains: the output mentions the expected phrases. Scores the share found (all mode) or
 * whether any was found (any mode), and names the missing ones so a builder knows what to fix.
 */

import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { expectedOf } from '../judge-kit/expected-of.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { toText } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';

const ID = 'judge/contains';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    phrases: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Phrases the output should contain. Empty: the test case’s expected text (or list).',
    },
    mode: {
      type: 'string',
      enum: ['all', 'any'],
      default: 'all',
      description: 'all: score is the share found; any: one is enough.',
    },
    caseSensitive: { type: 'boolean', default: false, description: 'Match letter case exactly.' },
    threshold: thresholdSetting(1),
  },
};

interface ContainsConfig {
  phrases?: string[];
  mode: 'all' | 'any';
  caseSensitive: boolean;
  threshold: number;
}

function phrasesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((p) => typeof p === 'string' && p !== '')) {
    throw new UserError('invalid-expected', `${ID}: expected must be a phrase or a list of phrases`);
  }
  return list as string[];
}

/** The contains judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'Contains',
    description: 'Passes when the output contains the expected phrases (all of them, or any one).',
    icon: 'text-search',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<ContainsConfig>(ID, config, rawConfig);
    const phrases = phrasesOf(
      cfg.phrases?.length ? cfg.phrases : expectedOf(ID, input, undefined, 'phrases'),
    );
    const fold = (s: string) => (cfg.caseSensitive ? s : s.toLowerCase());
    const text = fold(toText(input.output));
    const found = phrases.filter((p) => text.includes(fold(p)));
    const missing = phrases.filter((p) => !found.includes(p));
    const score = cfg.mode === 'any' ? (found.length > 0 ? 1 : 0) : found.length / phrases.length;
    const parts = [`found ${found.length} of ${phrases.length} phrase${phrases.length === 1 ? '' : 's'}`];
    if (missing.length > 0) parts.push(`missing: ${missing.map((p) => `"${p}"`).join(', ')}`);
    return verdict(score, cfg.threshold, parts.join('; '));
  },
});
