/**
 * In-memory tenant tables for local runs (CLI, golden tests): seeded from `<dataDir>/<table>.json`,
 * one copy per tenant, never written back to disk. Node-only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError, UserError } from '../runtime/workflow/errors.ts';

/** One row of a table. */
export type Row = Record<string, unknown>;

/** Id prefixes that read like the store's own ids; other tables use their first three letters. */
const ID_PREFIXES: Record<string, string> = {
  orders: 'ORD-',
  customers: 'CUS-',
  products: 'PRD-',
  leads: 'LEAD-',
  tickets: 'TCK-',
  complaints: 'CMP-',
};

/** The first generated number when a table has no numbered ids yet. */
const FIRST_NUMBER = 10001;

/** A JSON copy, so callers never hold a reference into the table. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** True when a row value equals a filter value; text compares ignoring case, absent equals null. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

/** Checks a table name before it becomes part of a file path. */
function checkName(table: string): string {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(table)) {
    throw new UserError(
      'invalid-table',
      `table name ${JSON.stringify(table)} must be lowercase letters, digits, - or _`,
    );
  }
  return table;
}

/** Tables for every tenant, seeded on first use from the data folder. */
export class LocalTables {
  readonly #dataDir: string;
  readonly #tenants = new Map<string, Map<string, Promise<Row[]>>>();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  /** The rows of one tenant's table: the seed file's rows, or none when there is no seed file. */
  #rows(tenantId: string, table: string): Promise<Row[]> {
    let tables = this.#tenants.get(tenantId);
    if (!tables) {
      tables = new Map();
      this.#tenants.set(tenantId, tables);
    }
    let rows = tables.get(checkName(table));
    if (!rows) {
      rows = this.#seed(table);
      tables.set(table, rows);
    }
    return rows;
  }

  /** Reads `<table>.json`: a list of rows, or `{ <table>: [...] }`. */
  async #seed(table: string): Promise<Row[]> {
    let text: string;
    try {
      text = await readFile(join(this.#dataDir, `${table}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const data = JSON.parse(text) as unknown;
    const list = Array.isArray(data) ? data : (data as Record<string, unknown>)[table];
    if (!Array.isArray(list))
      throw new UserError('invalid-seed', `${table}.json must hold a list of rows or { "${table}": [...] }`);
    return copy(list as Row[]);
  }

  /** Rows whose top-level fields equal every filter value. */
  async query(tenantId: string, table: string, filter: Record<string, unknown> = {}): Promise<Row[]> {
    const rows = await this.#rows(tenantId, table);
    return copy(
      rows.filter((row) => Object.entries(filter).every(([key, value]) => sameValue(row[key], value))),
    );
  }

  /** Adds a row; without an id it gets the next one in the table's series (ORD-10009 after ORD-10008). */
  async insert(tenantId: string, table: string, row: Record<string, unknown>): Promise<Row> {
    const rows = await this.#rows(tenantId, table);
    const id =
      row.id === undefined || row.id === null || row.id === '' ? this.#nextId(table, rows) : String(row.id);
    if (rows.some((r) => r.id === id))
      throw new UserError('conflict', `${table} already has a row with id '${id}'`, { table, id }, 409);
    const stored = { ...copy(row), id };
    rows.push(stored);
    return copy(stored);
  }

  /** Changes the given fields of one row. */
  async update(tenantId: string, table: string, id: string, patch: Record<string, unknown>): Promise<Row> {
    const rows = await this.#rows(tenantId, table);
    const row = rows.find((r) => String(r.id) === id);
    if (!row) throw new NotFoundError(`row in ${table}`, id);
    const { id: _ignored, ...changes } = copy(patch);
    Object.assign(row, changes);
    return copy(row);
  }

  /** The next id: the table's prefix and one more than the highest number used with it. */
  #nextId(table: string, rows: Row[]): string {
    const prefix = ID_PREFIXES[table] ?? `${table.slice(0, 3).toUpperCase()}-`;
    let highest = FIRST_NUMBER - 1;
    for (const row of rows) {
      const id = String(row.id ?? '');
      if (id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)))
        highest = Math.max(highest, Number(id.slice(prefix.length)));
    }
    return `${prefix}${highest + 1}`;
  }
}
