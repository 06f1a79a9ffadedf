import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/support/fresh-database.ts';
import { createPluginPackage } from './plugin-package.ts';
import { createPluginStore, type PluginStore } from './plugin-store.ts';

let fresh: FreshDatabase;
let store: PluginStore;
const acme = randomUUID();
const globex = randomUUID();

const manifest = (version: string, extra: Record<string, unknown> = {}) => ({
  id: 'acme/echo',
  version,
  kind: 'node',
  title: 'Echo',
  description: 'Echoes its config',
  ...extra,
});
const pkg = (version: string, source = `export default { run: (c) => c }; // ${version}`) =>
  createPluginPackage(manifest(version), source);

beforeAll(async () => {
  fresh = await freshDatabase();
  for (const [id, slug] of [
    [acme, 'acme'],
    [globex, 'globex'],
  ]) {
    await sql`INSERT INTO tenants (id, slug, name) VALUES (${id}, ${slug}, ${slug})`.execute(fresh.adminDb);
  }
  store = createPluginStore(fresh.db);
});
afterAll(() => fresh.drop());

describe('plugin store', () => {
  it('publishes immutable versions: same content is a no-op, different content is refused', async () => {
    expect(await store.publish(acme, pkg('1.0.0'))).toMatchObject({
      id: 'acme/echo',
      version: '1.0.0',
      created: true,
    });
    expect(await store.publish(acme, pkg('1.0.0'))).toMatchObject({ created: false });
    await expect(
      store.publish(acme, pkg('1.0.0', 'export default { run: () => "evil" }')),
    ).rejects.toMatchObject({
      code: 'version-exists',
      status: 409,
    });
    expect((await store.getPackage('acme/echo', '1.0.0')).source).toContain('// 1.0.0');
  });

  it('the app role cannot rewrite or delete a published version, even with raw SQL', async () => {
    await expect(sql`UPDATE plugin_versions SET source = 'x'`.execute(fresh.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM plugin_versions`.execute(fresh.db)).rejects.toThrow(/permission denied/);
  });

  it('keeps a scope to its first publisher and reserves built-in scopes', async () => {
    await expect(store.publish(globex, pkg('9.0.0'))).rejects.toMatchObject({
      code: 'scope-taken',
      status: 403,
    });
    const core = createPluginPackage({ ...manifest('1.0.0'), id: 'core/intent' }, 'export default {}');
    await expect(store.publish(acme, core)).rejects.toMatchObject({ code: 'reserved-scope' });
  });

  it('installs, upgrades and removes versions per tenant, invisible to other tenants', async () => {
    await store.publish(acme, pkg('1.1.0'));
    await store.publish(acme, pkg('2.0.0'));
    expect((await store.install(globex, 'acme/echo', '^1')).version).toBe('1.1.0');
    expect((await store.listInstalled(globex)).map((i) => i.version)).toEqual(['1.1.0']);
    expect(await store.listInstalled(acme)).toEqual([]);
    expect((await store.upgrade(globex, 'acme/echo')).version).toBe('2.0.0');
    expect((await store.listInstalled(globex)).map((i) => i.version)).toEqual(['2.0.0']);
    await expect(store.uninstall(acme, 'acme/echo')).rejects.toMatchObject({ status: 404 });
    expect(await store.uninstall(globex, 'acme/echo')).toBe(1);
    expect(await store.listInstalled(globex)).toEqual([]);
    await expect(store.install(globex, 'acme/echo', '^7')).rejects.toThrow(/published: /);
    await expect(store.install(globex, 'acme/missing')).rejects.toMatchObject({ status: 404 });
  });

  it('lists and searches published versions, newest first', async () => {
    const all = await store.listPublished('echo');
    expect(all.map((v) => v.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect(await store.listPublished('no such thing')).toEqual([]);
  });
});
