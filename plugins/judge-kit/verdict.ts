/** Builds a verdict the same way for every judge, so `pass` always agrees with the threshold. */
import type { Verdict } from '../../registry/sdk/plugin.ts';

/** A verdict with the score clamped to 0..1 and `pass` = score >= threshold. */
export function verdict(score: number, threshold: number, reasoning: string): Verdict {
  const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  // Scores are shown to people and stored: four decimals is plenty and keeps them stable.
  const rounded = Math.round(clamped * 10000) / 10000;
  return { score: rounded, pass: rounded >= threshold, reasoning };
}

/** The JSON Schema for the `threshold` setting every judge has. */
export function thresholdSetting(fallback: number): Record<string, unknown> {
  return {
    type: 'number',
    minimum: 0,
    maximum: 1,
    default: fallback,
    description: 'Score from 0 to 1 at or above which the output passes.',
  };
}

/** The outputs schema every judge shares. */
export const verdictSchema = {
  type: 'object',
  required: ['score', 'pass', 'reasoning'],
  properties: {
    score: { type: 'number', minimum: 0, maximum: 1, description: 'How good the output is, 0 to 1.' },
    pass: { type: 'boolean', description: 'Whether the score reached the threshold.' },
    reasoning: { type: 'string', description: 'Why, in words a builder can act on.' },
  },
};
