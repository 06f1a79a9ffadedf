/**
 * ctx.assets.search through the bridge: the sandbox's ctx.assets has it beside read, the host checks
 * its arguments before its own search runs, and a host without an index answers null (read instead).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import { callCapability } from './capability-bridge.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testManifest, testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1 });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

/** A host search that records what it was asked and answers one document. */
function indexedAssets() {
  const asked: unknown[][] = [];
  const assets: NonNullable<NodeContext['assets']> = {
    read: async () => ({ entries: [] }),
    search: async (name, query, options) => {
      asked.push([name, query, options]);
      return [{ id: 'reset', title: `${name}: ${query}` }];
    },
  };
  return { asked, assets };
}

const manifest = (permissions: PluginManifest['permissions']) =>
  testManifest('test/raw', 'node', permissions);

const bridged = (
  assets: NodeContext['assets'],
  permissions: PluginManifest['permissions'] = { assets: true },
) => ({
  manifest: manifest(permissions),
  ctx: tenants.context('acme', { assets }),
  maxBytes: 10_000,
});

describe('assets.search in the sandbox', () => {
  it('reaches the host search from a plugin that declares assets', async () => {
    const { asked, assets } = indexedAssets();
    const searcher = testPlugin(
      pool,
      'searcher',
      runBody('return ctx.assets.search(config.file, config.q, config.options);'),
      { assets: true },
    );
    const ctx = tenants.context('acme', { assets });
    expect(
      await searcher.invoke({ file: 'faq.json', q: 'reset password', options: { limit: 5 } }, ctx),
    ).toEqual([{ id: 'reset', title: 'faq.json: reset password' }]);
    await searcher.invoke({ file: 'faq.json', q: 'x' }, ctx);
    expect(asked).toEqual([
      ['faq.json', 'reset password', { limit: 5 }],
      ['faq.json', 'x', {}],
    ]);
  });

  it('answers null when the host keeps no index, so the plugin reads the file', async () => {
    const readOnly = { read: async () => ({ entries: [] }) };
    const searcher = testPlugin(
      pool,
      'searcher-plain',
      runBody('return [typeof ctx.assets.search, await ctx.assets.search("faq.json", "hours")];'),
      { assets: true },
    );
    expect(await searcher.invoke({}, tenants.context('acme', { assets: readOnly }))).toEqual([
      'function',
      null,
    ]);
  });
});

describe('assets.search arguments', () => {
  const { asked, assets } = indexedAssets();
  const call = bridged(assets);
  const search = (args: unknown[]) => callCapability(call, 'assets.search', JSON.stringify(args));

  it('accepts a file name, a query up to 2,000 characters and a limit from 1 to 200', async () => {
    expect(JSON.parse(await search(['faq.json', 'q'.repeat(2_000), { limit: 200 }]))).toHaveLength(1);
    expect(JSON.parse(await search(['faq.json', '', null]))).toHaveLength(1);
    expect(asked.at(-1)).toEqual(['faq.json', '', {}]);
  });

  it('refuses malformed arguments with what was wrong', async () => {
    const before = asked.length;
    await expect(search([42, 'q'])).rejects.toThrow('assets.search: the file name must be a string');
    await expect(search(['', 'q'])).rejects.toThrow('assets.search: file names are 1 to 512 characters');
    await expect(search(['faq.json', { q: 1 }])).rejects.toThrow('assets.search: the query must be a string');
    await expect(search(['faq.json', 'q'.repeat(2_001)])).rejects.toThrow(
      'assets.search: the query is 2001 characters, over the limit of 2000',
    );
    for (const limit of [0, 201, 2.5, '10']) {
      await expect(search(['faq.json', 'q', { limit }])).rejects.toThrow(
        'assets.search: limit must be an integer from 1 to 200',
      );
    }
    await expect(search(['faq.json', 'q', [10]])).rejects.toThrow(
      'assets.search: the options must be an object',
    );
    expect(asked.length).toBe(before);
  });

  it('is refused without the assets permission', async () => {
    await expect(callCapability(bridged(assets, {}), 'assets.search', '["faq.json", "q"]')).rejects.toThrow(
      "test/raw has no 'assets' permission",
    );
  });
});
