/** Computed fields and totals for core/transform: paths, constants, defaults, arithmetic and formats. */
import { UserError } from '../../runtime/workflow/errors.ts';
import { applyFormat } from './formats.ts';
import { getPath } from './paths.ts';

type Row = Record<string, unknown>;

/** A computed field: a source path, or a spec with a format, a default or a constant value. */
export type FieldSpec =
  | string
  | {
      from?: string;
      format?: string | string[];
      default?: unknown;
      value?: unknown;
      times?: string | number;
      plus?: string | number;
    };

/** A total over the result list: a path to add up, or { of, format }. */
export type SumSpec = string | { of: string; format?: string | string[] };

/** The value of one computed field. */
export function computeField(item: Row, target: string, spec: FieldSpec): unknown {
  if (typeof spec === 'string') return getPath(item, spec) ?? null;
  if (spec === null || typeof spec !== 'object') {
    throw new UserError(
      'invalid-config',
      `transform: field "${target}" must be a path or { from, format, default, value }`,
    );
  }
  const raw = 'value' in spec ? spec.value : spec.from !== undefined ? getPath(item, spec.from) : undefined;
  let value = raw === undefined || raw === null || raw === '' ? spec.default : raw;
  if (spec.times !== undefined) value = toNumber(value) * operand(item, spec.times);
  if (spec.plus !== undefined) value = toNumber(value) + operand(item, spec.plus);
  if (typeof value === 'number') value = Math.round(value * 1e9) / 1e9; // 0.1 * 3 reads as 0.3
  return value === undefined ? null : applyFormat(value, spec.format, target);
}

/** A number from a value; text like "12.50" counts, anything else is 0. */
function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.parseFloat(String(value ?? ''));
  return Number.isFinite(n) ? n : 0;
}

/** The other side of times/plus: a number, or a path in the item. */
function operand(item: Row, ref: string | number): number {
  return typeof ref === 'number' ? ref : toNumber(getPath(item, ref));
}

/** Totals over the result rows, each optionally formatted. */
export function sums(rows: Row[], spec: Record<string, SumSpec>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(spec)) {
    const path = typeof entry === 'string' ? entry : entry.of;
    const total = Math.round(rows.reduce((n, row) => n + toNumber(getPath(row, path)), 0) * 1e9) / 1e9;
    out[name] = typeof entry === 'string' ? total : applyFormat(total, entry.format, name);
  }
  return out;
}
