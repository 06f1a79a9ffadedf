import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from './sandbox-pool.ts';
import { createSandboxedPlugin, moduleSha256 } from './sandboxed-plugin.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';

const pool = createSandboxPool({ size: 1 });
afterAll(() => pool.close());
const manifest = {
  id: 'acme/greet',
  version: '1.2.0',
  kind: 'node' as const,
  title: 'Greet',
  description: 'Greets',
};

describe('createSandboxedPlugin', () => {
  it('runs a definePlugin module like an in-process plugin, keyed by its sha256', async () => {
    const source =
      'export default definePlugin({ manifest: {}, run: (config) => ({ text: "Hello " + config.name }) });';
    const plugin = createSandboxedPlugin(
      { manifest, source, sha256: `sha256:${moduleSha256(source)}` },
      pool,
    );
    expect(plugin.sha256).toBe(moduleSha256(source));
    expect(plugin.manifest).toBe(manifest);
    await expect(plugin.invoke({ name: 'Ada' }, new MemoryTenants().context('acme'))).resolves.toEqual({
      text: 'Hello Ada',
    });
  });

  it('refuses a module whose sha256 is not the declared one', () => {
    expect(() =>
      createSandboxedPlugin({ manifest, source: 'export function run() {}', sha256: 'ab'.repeat(32) }, pool),
    ).toThrow(/acme\/greet@1.2.0: the module's sha256 is [0-9a-f]{64}, not abab/);
  });
});
