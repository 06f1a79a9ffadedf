/**
 * The tenant data tables nodes reach through `ctx.data`, backed by PostgreSQL under the tenant's row
 * level security. customers, products and orders have their own tables; any other name (leads,
 * tickets...) is a collection in `records`. A row is `{ id, ...data }`.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import { NotFoundError, UserError } from '../../workflow/errors.ts';

/** One row as a plugin sees it. */
export type Row = Record<string, unknown>;

/** Tables with columns of their own. */
export const DATA_TABLES = ['customers', 'products', 'orders'] as const;
type DataTable = (typeof DATA_TABLES)[number];

const PREFIX: Record<string, string> = {
  customers: 'CUS-',
  products: 'PRD-',
  orders: 'ORD-',
  leads: 'LEAD-',
  tickets: 'TCK-',
  complaints: 'CMP-',
};

function checkName(table: string): string {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(table))
    throw new UserError(
      'invalid-table',
      `table name ${JSON.stringify(table)} must be lowercase letters, digits, - or _`,
      { table },
    );
  return table;
}
const isDataTable = (t: string): t is DataTable => (DATA_TABLES as readonly string[]).includes(t);

/** Text compares ignoring case, absent equals null: the same rules as the local (CLI) tables. */
function matches(row: Row, filter: Row): boolean {
  return Object.entries(filter).every(([k, expected]) => {
    const actual = row[k];
    if (expected === null || expected === undefined) return actual === null || actual === undefined;
    if (typeof actual === 'string' && typeof expected === 'string')
      return actual.toLowerCase() === expected.toLowerCase();
    return actual === expected;
  });
}

/** The indexed columns of a table, taken from a row. */
function columnsOf(table: DataTable, row: Row) {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? null : String(v));
  if (table === 'customers') return { name: text(row.name) ?? '', email: text(row.email) };
  if (table === 'products')
    return { name: text(row.name) ?? '', price: typeof row.price === 'number' ? row.price : null };
  return { customer_id: text(row.customerId), status: text(row.status) ?? 'new' };
}

async function readRows(trx: Transaction<Database>, table: string, id?: string): Promise<Row[]> {
  if (isDataTable(table)) {
    let q = trx.selectFrom(table).select(['id', 'data']).orderBy('id');
    if (id !== undefined) q = q.where('id', '=', id);
    return (await q.execute()).map((r) => ({ ...r.data, id: r.id }));
  }
  let q = trx
    .selectFrom('records')
    .select(['id', 'data'])
    .where('collection', '=', table)
    .orderBy('created_at')
    .orderBy('id');
  if (id !== undefined) q = q.where('id', '=', id);
  return (await q.execute()).map((r) => ({ ...r.data, id: r.id }));
}

async function writeRow(
  trx: Transaction<Database>,
  tenantId: string,
  table: string,
  row: Row & { id: string },
  update: boolean,
): Promise<void> {
  const data = JSON.stringify(row);
  if (isDataTable(table)) {
    if (update)
      await trx
        .updateTable(table)
        .set({ data, ...columnsOf(table, row) } as never)
        .where('id', '=', row.id)
        .execute();
    else
      await trx
        .insertInto(table)
        .values({ tenant_id: tenantId, id: row.id, data, ...columnsOf(table, row) } as never)
        .execute();
  } else if (update) {
    await trx
      .updateTable('records')
      .set({ data })
      .where('collection', '=', table)
      .where('id', '=', row.id)
      .execute();
  } else {
    await trx
      .insertInto('records')
      .values({ tenant_id: tenantId, collection: table, id: row.id, data })
      .execute();
  }
}

/** Data access for one tenant. */
export function tenantTables(db: Kysely<Database>, tenantId: string) {
  return {
    async query(table: string, filter: Row = {}): Promise<Row[]> {
      const rows = await withTenant(db, tenantId, (trx) => readRows(trx, checkName(table)));
      return rows.filter((r) => matches(r, filter));
    },
    async insert(table: string, row: Row): Promise<Row> {
      const t = checkName(table);
      const prefix = PREFIX[t] ?? `${t.slice(0, 3).toUpperCase()}-`;
      const id =
        typeof row.id === 'string' && row.id
          ? row.id
          : `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;
      const full = { ...row, id };
      await withTenant(db, tenantId, (trx) => writeRow(trx, tenantId, t, full, false));
      return full;
    },
    async update(table: string, id: string, patch: Row): Promise<Row> {
      const t = checkName(table);
      return withTenant(db, tenantId, async (trx) => {
        const [current] = await readRows(trx, t, id);
        if (!current) throw new NotFoundError(`${t} row`, id);
        const next = { ...current, ...patch, id };
        await writeRow(trx, tenantId, t, next, true);
        return next;
      });
    },
  };
}
