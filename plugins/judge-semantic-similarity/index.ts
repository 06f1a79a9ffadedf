/**
 * judge/semantic-similarity: how close the output's wording is to a reference answer, by TF-IDF
 * cosine. Offline and deterministic: good for regression tests of answers that may be rephrased,
 * not a substitute for judge/llm when meaning matters more than words.
 */

import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { expectedOf } from '../judge-kit/expected-of.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { preview, toText } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { cosine, inverseDocumentFrequency, terms } from './tf-idf.ts';

const ID = 'judge/semantic-similarity';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reference: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description:
        'Reference answers; the closest one counts. Empty: the test case’s expected text (or list).',
    },
    corpus: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description:
        'Typical texts of this domain, so that its everyday words weigh less than the ones that matter.',
    },
    threshold: thresholdSetting(0.5),
  },
};

interface SimilarityConfig {
  reference?: string[];
  corpus: string[];
  threshold: number;
}

/** The semantic-similarity judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'Semantic similarity',
    description: 'Scores how close the output is to a reference answer (TF-IDF cosine, runs offline).',
    icon: 'git-compare',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<SimilarityConfig>(ID, config, rawConfig);
    const given = cfg.reference?.length ? cfg.reference : expectedOf(ID, input, undefined, 'reference');
    const references = (Array.isArray(given) ? given : [given]).map(toText).filter((r) => r.trim() !== '');
    if (references.length === 0)
      throw new UserError('invalid-expected', `${ID}: the reference answer is empty`);
    const output = terms(toText(input.output));
    const refs = references.map(terms);
    const idf = inverseDocumentFrequency([output, ...refs, ...cfg.corpus.map(terms)]);
    const scores = refs.map((ref) => cosine(output, ref, idf));
    const best = scores.indexOf(Math.max(...scores));
    const shared = [...new Set(output)].filter((t) => refs[best]!.includes(t));
    const reasoning =
      output.length === 0
        ? 'output has no meaningful words to compare'
        : `similarity ${scores[best]!.toFixed(2)} to reference "${preview(references[best]!)}"; ` +
          (shared.length > 0 ? `shared terms: ${shared.slice(0, 8).join(', ')}` : 'no terms in common');
    return verdict(scores[best]!, cfg.threshold, reasoning);
  },
});
