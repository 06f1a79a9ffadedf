import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../../test/support/fresh-database.ts';
import { assertSafeDatabase, UnsafeDatabaseError } from './assert-safe-database.ts';
import { createDb } from './create-db.ts';
import { withTenant } from './with-tenant.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
let fresh: FreshDatabase;

beforeAll(async () => {
  fresh = await freshDatabase();
  for (const [id, slug] of [
    [A, 'acme'],
    [B, 'globex'],
  ] as const) {
    await fresh.adminDb.insertInto('tenants').values({ id, slug, name: slug }).execute();
    await fresh.adminDb
      .insertInto('customers')
      .values({ tenant_id: id, id: 'c1', name: `${slug} customer`, email: null, data: '{}' })
      .execute();
  }
});
afterAll(() => fresh.drop());

describe('row level security as the app role', () => {
  it('shows a tenant only its own rows', async () => {
    const names = await withTenant(fresh.db, A, (trx) =>
      trx.selectFrom('customers').select('name').execute(),
    );
    expect(names).toEqual([{ name: 'acme customer' }]);
  });

  it('shows nothing outside withTenant', async () => {
    expect(await fresh.db.selectFrom('customers').selectAll().execute()).toEqual([]);
    expect(await fresh.db.selectFrom('tenants').selectAll().execute()).toEqual([]);
  });

  it('refuses to write a row into another tenant', async () => {
    const write = withTenant(fresh.db, A, (trx) =>
      trx
        .insertInto('customers')
        .values({ tenant_id: B, id: 'sneaky', name: 'x', email: null, data: '{}' })
        .execute(),
    );
    await expect(write).rejects.toThrow(/row-level security/);
    const move = await withTenant(fresh.db, A, (trx) =>
      trx.updateTable('customers').set({ name: 'moved' }).where('tenant_id', '=', B).executeTakeFirst(),
    );
    expect(move.numUpdatedRows).toBe(0n);
  });

  it('does not leak the tenant setting to the next transaction on a pooled connection', async () => {
    const single = createDb(fresh.appUrl, { max: 1 });
    try {
      await withTenant(single, A, (trx) => trx.selectFrom('customers').selectAll().execute());
      expect(await single.selectFrom('customers').selectAll().execute()).toEqual([]);
    } finally {
      await single.destroy();
    }
  });

  it('binds even the owner connection once it switches to flow_app in SQL', async () => {
    const rows = await fresh.adminDb.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE flow_app`.execute(trx);
      await sql`SELECT set_config('app.tenant_id', ${B}, true)`.execute(trx);
      return trx.selectFrom('customers').select('name').execute();
    });
    expect(rows).toEqual([{ name: 'globex customer' }]);
  });

  it('keeps the audit log append-only for the app', async () => {
    await withTenant(fresh.db, A, (trx) =>
      trx
        .insertInto('audit_log')
        .values({
          tenant_id: A,
          actor_user_id: null,
          actor_api_key_id: null,
          action: 'test',
          target: null,
          details: '{}',
          ip: null,
        })
        .execute(),
    );
    await expect(withTenant(fresh.db, A, (trx) => trx.deleteFrom('audit_log').execute())).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('assertSafeDatabase', () => {
  it('accepts the app role on a migrated database', async () => {
    await expect(assertSafeDatabase(fresh.db)).resolves.toBeUndefined();
  });

  it('refuses a superuser connection and says why', async () => {
    await expect(assertSafeDatabase(fresh.adminDb)).rejects.toThrow(/is a superuser/);
  });

  it('refuses when a tenant table does not force row level security, naming the table', async () => {
    await sql`ALTER TABLE orders NO FORCE ROW LEVEL SECURITY`.execute(fresh.adminDb);
    try {
      const error = await assertSafeDatabase(fresh.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeDatabaseError);
      expect((error as UnsafeDatabaseError).reasons).toEqual([
        'tenant table "orders" does not FORCE row level security',
      ]);
    } finally {
      await sql`ALTER TABLE orders FORCE ROW LEVEL SECURITY`.execute(fresh.adminDb);
    }
  });

  it('refuses when the app role owns a tenant table', async () => {
    await sql`CREATE TABLE notes (tenant_id uuid, body text)`.execute(fresh.adminDb);
    await sql`ALTER TABLE notes OWNER TO flow_app`.execute(fresh.adminDb);
    try {
      const error = (await assertSafeDatabase(fresh.db).catch((e: unknown) => e)) as UnsafeDatabaseError;
      expect(error.reasons).toContain(
        'role "flow_app" owns tenant table "notes" (owners can skip policies and change them)',
      );
      expect(error.reasons).toContain('tenant table "notes" does not have row level security enabled');
    } finally {
      await sql`DROP TABLE notes`.execute(fresh.adminDb);
    }
  });

  it('refuses a role with BYPASSRLS', async () => {
    const role = `${fresh.name}_bypass`;
    await sql`CREATE ROLE ${sql.id(role)} LOGIN BYPASSRLS PASSWORD 'x'`.execute(fresh.adminDb);
    const url = new URL(fresh.adminUrl);
    url.username = role;
    url.password = 'x';
    const db = createDb(url.toString(), { max: 1 });
    try {
      await expect(assertSafeDatabase(db)).rejects.toThrow(`role "${role}" has BYPASSRLS`);
    } finally {
      await db.destroy();
      await sql`DROP ROLE ${sql.id(role)}`.execute(fresh.adminDb);
    }
  });
});
