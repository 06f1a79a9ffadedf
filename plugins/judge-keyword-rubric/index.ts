/**
 * judge/keyword-rubric: a weighted checklist of words and phrases. The score is the weight found
 * over the weight listed; a missing required keyword or any forbidden one (a competitor's name, a
 * promise the business cannot keep) scores 0, because no amount of other keywords makes up for it.
 */
import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { toText, wholeWords } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';

const ID = 'judge/keyword-rubric';

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['keywords'],
  properties: {
    keywords: {
      type: 'array',
      minItems: 1,
      description:
        'The rubric: each keyword or phrase with its weight; required ones must appear, forbidden ones must not.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['term'],
        properties: {
          term: { type: 'string', minLength: 1, description: 'Word or phrase, matched as whole words.' },
          synonyms: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            default: [],
            description: 'Other wordings that count the same.',
          },
          weight: {
            type: 'number',
            exclusiveMinimum: 0,
            default: 1,
            description: 'How much it counts toward the score.',
          },
          required: { type: 'boolean', default: false, description: 'Missing it scores 0.' },
          forbidden: { type: 'boolean', default: false, description: 'Containing it scores 0.' },
        },
      },
    },
    caseSensitive: { type: 'boolean', default: false, description: 'Match letter case exactly.' },
    threshold: thresholdSetting(0.6),
  },
};

interface Keyword {
  term: string;
  synonyms: string[];
  weight: number;
  required: boolean;
  forbidden: boolean;
}

interface RubricConfig {
  keywords: Keyword[];
  caseSensitive: boolean;
  threshold: number;
}

/** The keyword-rubric judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'Keyword rubric',
    description:
      'Scores the output by weighted keywords; required keywords must appear and forbidden ones must not.',
    icon: 'list-checks',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<RubricConfig>(ID, config, rawConfig);
    const text = toText(input.output);
    const present = (k: Keyword) =>
      [k.term, ...k.synonyms].some((w) => wholeWords(w, cfg.caseSensitive).test(text));
    const forbidden = cfg.keywords.filter((k) => k.forbidden && present(k));
    const missingRequired = cfg.keywords.filter((k) => k.required && !k.forbidden && !present(k));
    const scored = cfg.keywords.filter((k) => !k.forbidden);
    const found = scored.filter(present);
    const total = scored.reduce((sum, k) => sum + k.weight, 0);
    const earned = found.reduce((sum, k) => sum + k.weight, 0);
    const quote = (ks: Keyword[]) => ks.map((k) => `"${k.term}"`).join(', ');
    if (forbidden.length > 0) return verdict(0, cfg.threshold, `contains forbidden ${quote(forbidden)}`);
    if (missingRequired.length > 0)
      return verdict(0, cfg.threshold, `missing required ${quote(missingRequired)}`);
    // A rubric of only forbidden terms: not containing any of them is full marks.
    const score = total === 0 ? 1 : earned / total;
    const missing = scored.filter((k) => !found.includes(k));
    const parts = [`matched weight ${round(earned)} of ${round(total)}`];
    if (found.length > 0) parts.push(`found ${quote(found)}`);
    if (missing.length > 0) parts.push(`missing ${quote(missing)}`);
    return verdict(score, cfg.threshold, parts.join('; '));
  },
});

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
