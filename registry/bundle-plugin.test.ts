import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPlugin } from '../runtime/cli/plugin/scaffold-plugin.ts';
import { bundlePlugin } from './bundle-plugin.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flow-plugin-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bundlePlugin', () => {
  it('bundles a scaffolded plugin into one import-free module addressed by sha256', async () => {
    const folder = await scaffoldPlugin('acme/shout', { dir, sdkImport: resolve('registry/sdk/plugin.ts') });
    const pkg = await bundlePlugin(join(folder, 'index.ts'));
    expect(pkg.manifest).toMatchObject({ id: 'acme/shout', version: '0.1.0', kind: 'node' });
    expect(pkg.source).not.toMatch(/^\s*import\s/m);
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(pkg.source).toString('base64')}`);
    expect(mod.default.run({ text: 'hey', shout: true }, { log: () => {} })).toEqual({
      text: 'HEY',
      length: 3,
    });
  });

  it('reads the current build each time (dev reload) and changes the hash when the code changes', async () => {
    const entry = join(dir, 'counter.ts');
    const write = (n: number) =>
      writeFile(
        entry,
        `export default { manifest: { id: 'acme/counter', version: '1.0.${n}', kind: 'node', title: 'C', description: 'd' }, run: () => ${n} };`,
      );
    await write(1);
    const first = await bundlePlugin(entry);
    await write(2);
    const second = await bundlePlugin(entry);
    expect(first.manifest.version).toBe('1.0.1');
    expect(second.manifest.version).toBe('1.0.2');
    expect(second.sha256).not.toBe(first.sha256);
  });

  it('names the file, line and column of a syntax error', async () => {
    const entry = join(dir, 'broken.ts');
    await writeFile(entry, 'export default {\n  manifest: ,\n};\n');
    await expect(bundlePlugin(entry)).rejects.toThrow(/broken\.ts:2:\d+: /);
  });
});
