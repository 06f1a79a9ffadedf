/** Reads a workflow duration (`500`, `'500ms'`, `'5s'`, `'2m'`, `'1h'`) as milliseconds. */
import { UserError } from '../workflow/errors.ts';
import type { Duration } from '../workflow/types.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for a duration; `where` names the setting in the error (e.g. "node 'fetch' timeout"). */
export function toMilliseconds(value: Duration, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value) : null;
  if (!match) {
    throw new UserError(
      'invalid-duration',
      `${where} must be a duration like 500, '500ms', '5s' or '2m', got ${JSON.stringify(value)}`,
    );
  }
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}
