import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { NodeError, NotFoundError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import { createLocalCapabilities } from '../../workflows/local-services.ts';
import data from './index.ts';

const base = testContext({ nodeId: 'lookup' });
const dataDir = join(import.meta.dirname, '../../workflows/data');
const withTables = (): NodeContext => ({
  ...base,
  ...createLocalCapabilities({ dataDir })({
    runId: 'r',
    nodeId: 'lookup',
    tenantId: 't',
    uses: 'core/data',
    workflow: { id: 'w', nodes: [] },
  }),
});

describe('core/data', () => {
  it('finds rows by field values and reports found or none', async () => {
    const ctx = withTables();
    const hit = await data.run({ table: 'orders', where: { id: 'ORD-10002' } }, ctx);
    expect(hit).toMatchObject({ count: 1, branch: 'found', row: { id: 'ORD-10002', status: 'shipped' } });
    const miss = await data.run({ table: 'orders', where: { id: null } }, ctx);
    expect(miss).toEqual({ rows: [], row: null, count: 0, branch: 'none' });
    expect(
      (await data.run({ table: 'orders', where: { customerId: 'CUS-10001' }, limit: 1 }, ctx)).count,
    ).toBe(1);
  });

  it('inserts a row with a generated id and updates it', async () => {
    const ctx = withTables();
    const created = await data.run(
      { action: 'insert', table: 'orders', row: { customerId: 'CUS-10005', status: 'pending' } },
      ctx,
    );
    expect(created.row).toMatchObject({ id: 'ORD-10009', status: 'pending' });
    const updated = await data.run(
      { action: 'update', table: 'orders', id: 'ORD-10009', patch: { status: 'cancelled' } },
      ctx,
    );
    expect(updated.row).toMatchObject({ id: 'ORD-10009', status: 'cancelled', customerId: 'CUS-10005' });
    await expect(
      data.run({ action: 'update', table: 'orders', id: 'ORD-1', patch: {} }, ctx),
    ).rejects.toThrow(NotFoundError);
  });

  it('explains bad config and missing access', async () => {
    const ctx = withTables();
    await expect(data.run({ table: '' }, ctx)).rejects.toThrow(UserError);
    await expect(data.run({ action: 'insert', table: 'orders' }, ctx)).rejects.toThrow(/needs a "row"/);
    await expect(data.run({ action: 'update', table: 'orders', patch: {} }, ctx)).rejects.toThrow(
      /needs the "id"/,
    );
    await expect(data.run({ action: 'drop' as 'find', table: 'orders' }, ctx)).rejects.toThrow(
      /unknown action/,
    );
    await expect(data.run({ table: 'orders' }, base)).rejects.toThrow(NodeError);
  });
});
