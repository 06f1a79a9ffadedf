/** Durations as builders write them (`500`, `500ms`, `5s`, `2m`, `1h`, `1m30s`) turned into milliseconds. */
import { UserError } from './errors.ts';
import type { Duration } from './types.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/y;

/**
 * Milliseconds for a duration; throws a UserError('invalid-duration') that says what is accepted.
 * `where` names the setting in that message (e.g. "node 'fetch' timeout").
 */
export function parseDuration(value: Duration | unknown, where?: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw invalid(value, where);
  }
  if (typeof value !== 'string') throw invalid(value, where);
  const text = value.trim();
  if (text === '') throw invalid(value, where);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) throw invalid(value, where);
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return total;
}

function invalid(value: unknown, where: string | undefined): UserError {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  const hint =
    typeof value === 'string' && /^[0-9.]+$/.test(value.trim()) ? ` (add a unit: '${value.trim()}ms')` : '';
  return new UserError(
    'invalid-duration',
    `${where ? `${where}: ` : ''}invalid duration ${shown}${hint}; expected milliseconds as a number (500) or a number with a unit: '500ms', '5s', '2m', '1h'`,
    { value },
  );
}
