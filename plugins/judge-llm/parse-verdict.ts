/** Reads the judge model's answer, refusing anything that is not the JSON verdict it was asked for. */
import { OperationalError } from '../../runtime/workflow/errors.ts';
import { preview } from '../judge-kit/text.ts';

/** What the judge model said. `pass` is optional: the threshold decides. */
export interface ModelVerdict {
  score: number;
  pass?: boolean;
  reasoning: string;
}

function malformed(judgeId: string, problem: string, content: string): never {
  // Operational, not a user error: the model misbehaved, and asking again may well work.
  throw new OperationalError(
    'judge-malformed-output',
    `${judgeId}: the judge model's answer ${problem}: "${preview(content, 120)}"`,
    {
      content: content.slice(0, 2000),
    },
  );
}

/** Parses `{score, pass, reasoning}` (optionally inside ```json fences) or throws `judge-malformed-output`. */
export function parseVerdict(judgeId: string, content: string): ModelVerdict {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(content);
  const text = (fenced ? fenced[1]! : content).trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    malformed(judgeId, 'is not JSON', content);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    malformed(judgeId, 'is not a JSON object', content);
  const { score, pass, reasoning } = value as Record<string, unknown>;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
    malformed(judgeId, `has no "score" from 0 to 1 (got ${JSON.stringify(score)})`, content);
  }
  if (pass !== undefined && typeof pass !== 'boolean')
    malformed(judgeId, `has a "pass" that is not true or false`, content);
  if (typeof reasoning !== 'string' || reasoning.trim() === '')
    malformed(judgeId, 'has no "reasoning"', content);
  return { score, pass, reasoning: reasoning.trim() };
}
