/**
 * core/data: reads and writes the workspace's own tables (orders, customers, products, leads...)
 * through the data capability the host grants, so example flows answer from real records offline.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';

/** What the node does with the table. */
export type DataAction = 'find' | 'insert' | 'update';

/** The node's `with:` block. */
export interface DataConfig {
  action?: DataAction;
  table?: string;
  where?: Record<string, unknown>;
  limit?: number;
  row?: Record<string, unknown>;
  id?: string;
  patch?: Record<string, unknown>;
}

/** What the node reports. */
export interface DataOutput {
  rows: Record<string, unknown>[];
  row: Record<string, unknown> | null;
  count: number;
  branch: 'found' | 'none';
}

/** True for `{...}` objects. */
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The output for a list of rows. */
function result(rows: Record<string, unknown>[]): DataOutput {
  return { rows, row: rows[0] ?? null, count: rows.length, branch: rows.length > 0 ? 'found' : 'none' };
}

const plugin: NodePlugin<DataConfig, Promise<DataOutput>> = definePlugin({
  manifest: {
    id: 'core/data',
    version: '1.0.0',
    kind: 'node',
    title: 'Data',
    description:
      'Finds, adds or changes records in your workspace tables (orders, customers, products, leads...). ' +
      '"find" returns the rows whose fields equal every value in "where" (text ignoring case); "insert" adds a row ' +
      '(an id is generated when missing); "update" changes fields of the row with the given id. Branch is "found" ' +
      'when there is at least one row, else "none".',
    category: 'Data',
    icon: 'database',
    config: {
      type: 'object',
      properties: {
        action: { type: 'string', title: 'Action', enum: ['find', 'insert', 'update'], default: 'find' },
        table: {
          type: 'string',
          title: 'Table',
          description: 'The table name, e.g. orders.',
          pattern: '^[a-z][a-z0-9_-]*$',
        },
        where: {
          type: 'object',
          title: 'Where',
          description:
            'find: field values to match, e.g. { id: "{{ nodes.extract.orderId }}" }. A null value matches rows without the field.',
          additionalProperties: true,
        },
        limit: {
          type: 'integer',
          title: 'Limit',
          description: 'find: at most this many rows.',
          minimum: 1,
          default: 20,
        },
        row: {
          type: 'object',
          title: 'Row',
          description: 'insert: the new record.',
          additionalProperties: true,
        },
        id: { type: 'string', title: 'Id', description: 'update: the id of the record to change.' },
        patch: {
          type: 'object',
          title: 'Changes',
          description: 'update: the fields to set.',
          additionalProperties: true,
        },
      },
      required: ['table'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        rows: {
          type: 'array',
          items: { type: 'object' },
          description: 'The rows found, inserted or updated.',
        },
        row: { type: ['object', 'null'], description: 'The first of them, or null.' },
        count: { type: 'integer' },
        branch: { type: 'string', enum: ['found', 'none'] },
      },
      required: ['rows', 'row', 'count', 'branch'],
    },
    branches: ['found', 'none'],
    sideEffects: true,
    // Any table the workflow names; the host grants only the workspace's own tables.
    permissions: { data: ['*'] },
    examples: [
      { title: 'Look up an order', with: { action: 'find', table: 'orders', where: { id: 'ORD-10002' } } },
    ],
  },
  async run(config, ctx) {
    const action = config.action ?? 'find';
    const table = config.table;
    if (typeof table !== 'string' || table === '')
      throw new UserError('invalid-config', `data (${ctx.nodeId}): "table" is required`);
    if (!ctx.data)
      throw new NodeError(
        'missing-capability',
        `data: node "${ctx.nodeId}" was granted no access to tables`,
        { nodeId: ctx.nodeId },
      );
    if (action === 'find') {
      if (config.where !== undefined && !isObject(config.where))
        throw new UserError('invalid-config', `data (${ctx.nodeId}): "where" must be an object`);
      const rows = await ctx.data.query(table, config.where ?? {});
      return result(rows.slice(0, config.limit ?? 20));
    }
    if (action === 'insert') {
      if (!isObject(config.row))
        throw new UserError('invalid-config', `data (${ctx.nodeId}): insert needs a "row" object`);
      return result([await ctx.data.insert(table, config.row)]);
    }
    if (action === 'update') {
      if (typeof config.id !== 'string' || config.id === '')
        throw new UserError('invalid-config', `data (${ctx.nodeId}): update needs the "id" of a row`);
      if (!isObject(config.patch))
        throw new UserError('invalid-config', `data (${ctx.nodeId}): update needs a "patch" object`);
      return result([await ctx.data.update(table, config.id, config.patch)]);
    }
    throw new UserError(
      'invalid-config',
      `data (${ctx.nodeId}): unknown action "${String(action)}"; use find, insert or update`,
    );
  },
});

export default plugin;
