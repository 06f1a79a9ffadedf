/**
 * core/transform: reshapes an object or a list of objects declaratively — filter, pick, omit,
 * rename, computed fields with named formats, sort and limit — so builders never write code for it.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { computeField, type FieldSpec, type SumSpec, sums } from './fields.ts';
import { FORMATS } from './formats.ts';
import { deletePath, getPath, setPath } from './paths.ts';

export type { FieldSpec, SumSpec } from './fields.ts';

/** The node's `with:` block. */
export interface TransformConfig {
  data?: unknown;
  where?: Record<string, unknown>;
  pick?: string[];
  omit?: string[];
  rename?: Record<string, string>;
  fields?: Record<string, FieldSpec>;
  sortBy?: string;
  limit?: number;
  first?: boolean;
  sum?: Record<string, SumSpec>;
}

/** What the node reports. */
export interface TransformOutput {
  result: unknown;
  count: number;
  /** Present when `sum` is configured. */
  sums?: Record<string, unknown>;
}

type Row = Record<string, unknown>;

/** True when every `where` path equals the expected value (strings compare case-insensitively). */
function keep(item: Row, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([path, expected]) => {
    const actual = getPath(item, path);
    if (typeof actual === 'string' && typeof expected === 'string')
      return actual.toLowerCase() === expected.toLowerCase();
    return actual === expected || (actual != null && expected != null && String(actual) === String(expected));
  });
}

/** Reshapes one object: pick/omit/rename work on a copy; computed fields read the original. */
function reshape(item: Row, config: TransformConfig): Row {
  let out: Row;
  if (config.pick?.length) {
    out = {};
    for (const path of config.pick) {
      const value = getPath(item, path);
      if (value !== undefined) setPath(out, path, value);
    }
  } else {
    out = JSON.parse(JSON.stringify(item)) as Row;
  }
  for (const path of config.omit ?? []) deletePath(out, path);
  for (const [from, to] of Object.entries(config.rename ?? {})) {
    const value = getPath(out, from);
    if (value === undefined) continue;
    deletePath(out, from);
    setPath(out, to, value);
  }
  for (const [target, spec] of Object.entries(config.fields ?? {})) {
    setPath(out, target, computeField(item, target, spec));
  }
  return out;
}

/** Sorts by a path; a leading '-' sorts descending. Numbers compare as numbers, the rest as text. */
function sortRows(rows: Row[], sortBy: string): Row[] {
  const descending = sortBy.startsWith('-');
  const path = descending ? sortBy.slice(1) : sortBy;
  const sorted = [...rows].sort((a, b) => {
    const x = getPath(a, path);
    const y = getPath(b, path);
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x ?? '').localeCompare(String(y ?? ''));
  });
  return descending ? sorted.reverse() : sorted;
}

/** True for `{...}` objects. */
function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const plugin: NodePlugin<TransformConfig, TransformOutput> = definePlugin({
  manifest: {
    id: 'core/transform',
    version: '1.0.0',
    kind: 'node',
    title: 'Transform',
    description:
      'Reshapes an object or a list of objects without code. Steps, in order: keep list items matching "where", ' +
      'then for each item pick or omit paths, rename keys, add computed fields (read from the original item; ' +
      '"times" and "plus" do arithmetic), ' +
      'and sort (by original paths) and limit the list, and add up totals. Paths are dotted: customer.address.city, items[0].name.',
    category: 'Data',
    icon: 'shuffle',
    config: {
      type: 'object',
      properties: {
        data: {
          title: 'Data',
          description: 'The object or list to reshape, e.g. "{{ nodes.lookup.rows }}".',
        },
        where: {
          type: 'object',
          title: 'Where',
          description: 'Lists only: keep items whose paths equal these values (text compares ignoring case).',
          additionalProperties: true,
        },
        pick: {
          type: 'array',
          title: 'Pick',
          description: 'Keep only these paths.',
          items: { type: 'string' },
        },
        omit: { type: 'array', title: 'Omit', description: 'Drop these paths.', items: { type: 'string' } },
        rename: {
          type: 'object',
          title: 'Rename',
          description: 'Old path to new path, e.g. { id: orderId }.',
          additionalProperties: { type: 'string' },
        },
        fields: {
          type: 'object',
          title: 'Computed fields',
          description:
            'New path to a source path, or to { from, format, default, value }. Formats: ' +
            Object.keys(FORMATS).join(', ') +
            '.',
          additionalProperties: {
            anyOf: [
              { type: 'string' },
              {
                type: 'object',
                properties: {
                  from: { type: 'string', description: 'The source path.' },
                  times: {
                    type: ['string', 'number'],
                    description: 'Multiply by a number or by the value at this path.',
                  },
                  plus: {
                    type: ['string', 'number'],
                    description: 'Add a number or the value at this path.',
                  },
                  format: {
                    anyOf: [
                      { type: 'string', enum: Object.keys(FORMATS) },
                      { type: 'array', items: { type: 'string', enum: Object.keys(FORMATS) } },
                    ],
                  },
                  default: {},
                  value: {},
                },
                additionalProperties: false,
              },
            ],
          },
        },
        sortBy: {
          type: 'string',
          title: 'Sort by',
          description: 'Lists only: a path; prefix with "-" for descending.',
        },
        limit: {
          type: 'integer',
          title: 'Limit',
          description: 'Lists only: keep at most this many items.',
          minimum: 0,
        },
        sum: {
          type: 'object',
          title: 'Totals',
          description:
            'Lists only: name to the path to add up over the result (after computed fields), or { of, format }. Reported as "sums".',
          additionalProperties: {
            anyOf: [
              { type: 'string' },
              {
                type: 'object',
                properties: {
                  of: { type: 'string' },
                  format: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
                },
                required: ['of'],
              },
            ],
          },
        },
        first: {
          type: 'boolean',
          title: 'First only',
          description: 'Lists only: return the first item (or null) instead of a list.',
          default: false,
        },
      },
      required: ['data'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        result: { description: 'The reshaped object, list, or (with "first") the first item.' },
        count: { type: 'integer', description: 'Items in the result list (1 for an object, 0 for null).' },
        sums: { type: 'object', description: 'The totals asked for in "sum".' },
      },
      required: ['result', 'count'],
    },
    examples: [
      {
        title: 'Order summary',
        with: {
          data: { id: 'ORD-1', total: 12.5, internal: 'x' },
          omit: ['internal'],
          rename: { id: 'orderId' },
          fields: { total: { from: 'total', format: 'money' } },
        },
        output: { result: { orderId: 'ORD-1', total: '12.50' }, count: 1 },
      },
    ],
  },
  run(config) {
    const data = config.data;
    if (Array.isArray(data)) {
      let rows = data.filter(isRow);
      if (config.where) rows = rows.filter((row) => keep(row, config.where!));
      if (config.sortBy) rows = sortRows(rows, config.sortBy);
      let result = rows.map((row) => reshape(row, config));
      if (config.limit !== undefined) result = result.slice(0, Math.max(0, config.limit));
      const totals = config.sum ? { sums: sums(result, config.sum) } : {};
      if (config.first) return { result: result[0] ?? null, count: result.length > 0 ? 1 : 0, ...totals };
      return { result, count: result.length, ...totals };
    }
    if (isRow(data)) return { result: reshape(data, config), count: 1 };
    if (data === null || data === undefined) return { result: null, count: 0 };
    throw new UserError(
      'invalid-config',
      `transform: "data" must be an object or a list of objects, got ${typeof data}`,
    );
  },
});

export default plugin;
