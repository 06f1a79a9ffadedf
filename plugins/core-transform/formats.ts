/** Named value formats a builder can apply to a field without writing code. */
import { UserError } from '../../runtime/workflow/errors.ts';

/** A function from one value to another. */
type Format = (value: unknown) => unknown;

/** Text form of a value; null and undefined become ''. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A finite number or null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const parsed = Number.parseFloat(text(value).replace(/[^\d.eE+-]/g, ''));
  return Number.isFinite(parsed) ? parsed : null;
}

/** Every format, by the name used in `format:`. */
export const FORMATS: Record<string, Format> = {
  lower: (v) => text(v).toLowerCase(),
  upper: (v) => text(v).toUpperCase(),
  trim: (v) => text(v).trim(),
  title: (v) =>
    text(v)
      .toLowerCase()
      .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()),
  string: (v) => text(v),
  number: (v) => toNumber(v),
  integer: (v) => {
    const n = toNumber(v);
    return n === null ? null : Math.trunc(n);
  },
  round: (v) => {
    const n = toNumber(v);
    return n === null ? null : Math.round(n);
  },
  money: (v) => {
    const n = toNumber(v);
    return n === null ? null : n.toFixed(2);
  },
  boolean: (v) => !['', 'false', '0', 'no', 'null', 'undefined'].includes(text(v).trim().toLowerCase()),
  length: (v) =>
    Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : text(v).length,
  join: (v) => (Array.isArray(v) ? v.map(text).join(', ') : text(v)),
  first: (v) => (Array.isArray(v) ? v[0] : v),
  last: (v) => (Array.isArray(v) ? v.at(-1) : v),
  keys: (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []),
  date: (v) => {
    const time = typeof v === 'number' ? v : Date.parse(text(v));
    return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
  },
  json: (v) => JSON.stringify(v ?? null),
};

/** Applies one format or a list of them in order; an unknown name is a config error naming the field. */
export function applyFormat(value: unknown, format: string | string[] | undefined, field: string): unknown {
  if (format === undefined) return value;
  let result = value;
  for (const name of Array.isArray(format) ? format : [format]) {
    const fn = FORMATS[name];
    if (!fn) {
      throw new UserError(
        'invalid-config',
        `transform: field "${field}" uses unknown format "${name}"; known formats: ${Object.keys(FORMATS).join(', ')}`,
      );
    }
    result = fn(result);
  }
  return result;
}
