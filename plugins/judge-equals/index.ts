/**
 * judge/equals: the output equals the expected value. Text is compared after the normalising a
 * person would not notice (case, surrounding and repeated whitespace, unless switched off); other
 * values are compared as JSON with key order ignored.
 */
import { definePlugin, type JudgePlugin } from '../../registry/sdk/plugin.ts';
import { expectedOf } from '../judge-kit/expected-of.ts';
import { judgeManifest } from '../judge-kit/judge-manifest.ts';
import { preview, toText } from '../judge-kit/text.ts';
import { thresholdSetting, verdict } from '../judge-kit/verdict.ts';
import { readConfig } from '../router-kit/read-config.ts';

const ID = 'judge/equals';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    expected: { description: 'Value to compare with when the test case gives none.' },
    caseSensitive: {
      type: 'boolean',
      default: false,
      description: 'Treat "Paris" and "paris" as different.',
    },
    trim: { type: 'boolean', default: true, description: 'Ignore whitespace around the text.' },
    collapseWhitespace: {
      type: 'boolean',
      default: true,
      description: 'Treat runs of spaces and newlines as one space.',
    },
    threshold: thresholdSetting(1),
  },
};

interface EqualsConfig {
  expected?: unknown;
  caseSensitive: boolean;
  trim: boolean;
  collapseWhitespace: boolean;
  threshold: number;
}

function normaliseText(text: string, cfg: EqualsConfig): string {
  let out = cfg.collapseWhitespace ? text.replace(/\s+/g, ' ') : text;
  if (cfg.trim) out = out.trim();
  return cfg.caseSensitive ? out : out.toLowerCase();
}

// Sorting keys makes {"a":1,"b":2} equal {"b":2,"a":1}, as a person reading them would expect.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The equals judge. */
export default definePlugin<JudgePlugin>({
  manifest: judgeManifest({
    id: ID,
    version: '1.0.0',
    title: 'Equals',
    description:
      'Passes when the output equals the expected value (text ignoring case and extra spaces, or JSON).',
    icon: 'equal',
    config,
  }),

  judge(input, rawConfig) {
    const cfg = readConfig<EqualsConfig>(ID, config, rawConfig);
    const expected = expectedOf(ID, input, cfg.expected, 'expected');
    const textual = typeof expected === 'string' || typeof input.output === 'string';
    const same = textual
      ? normaliseText(toText(input.output), cfg) === normaliseText(toText(expected), cfg)
      : canonical(input.output) === canonical(expected);
    const reasoning = same
      ? `output equals the expected ${textual ? 'text' : 'value'} "${preview(toText(expected))}"`
      : `output "${preview(toText(input.output))}" differs from the expected "${preview(toText(expected))}"`;
    return verdict(same ? 1 : 0, cfg.threshold, reasoning);
  },
});
