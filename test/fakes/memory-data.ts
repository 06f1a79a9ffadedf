/**
 * An in-memory `ctx.data` for plugin tests, with the bridge's rules: only granted tables, equality
 * filters, ids assigned on insert, copies in and out so a plugin cannot mutate stored rows.
 */

import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { ForbiddenError, NotFoundError } from '../../runtime/workflow/errors.ts';

/** The data capability plus direct access to the rows for test setup and assertions. */
export interface MemoryData {
  data: NonNullable<NodeContext['data']>;
  rows: Record<string, Record<string, unknown>[]>;
}

/** A store granting `tables`, optionally seeded with rows (ids kept when given). */
export function memoryData(
  tables: string[],
  seed: Record<string, Record<string, unknown>[]> = {},
): MemoryData {
  const rows: MemoryData['rows'] = Object.fromEntries(tables.map((t) => [t, structuredClone(seed[t] ?? [])]));
  let next = 1;
  const table = (name: string) => {
    const found = rows[name];
    if (!found)
      throw new ForbiddenError(
        `table '${name}' is not granted to this plugin (granted: ${tables.join(', ')})`,
      );
    return found;
  };
  const data: MemoryData['data'] = {
    async query(name, filter = {}) {
      return table(name)
        .filter((row) => Object.entries(filter).every(([key, value]) => row[key] === value))
        .map((row) => structuredClone(row));
    },
    async insert(name, row) {
      const stored = { ...structuredClone(row), id: row.id ?? `${name.replace(/s$/, '')}_${next++}` };
      table(name).push(stored);
      return structuredClone(stored);
    },
    async update(name, id, patch) {
      const row = table(name).find((r) => r.id === id);
      if (!row) throw new NotFoundError(name, id);
      Object.assign(row, structuredClone(patch), { id });
      return structuredClone(row);
    },
  };
  return { data, rows };
}
