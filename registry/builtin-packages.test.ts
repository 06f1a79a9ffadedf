import { describe, expect, it } from 'vitest';
import { loadBuiltinPlugins } from '../plugins/load-builtins.ts';
import { NotFoundError, UserError } from '../runtime/workflow/errors.ts';
import { createBuiltinPackages, HOST_SIDE_BUILTINS } from './builtin-packages.ts';
import type { Plugin } from './sdk/plugin.ts';

const builtins = await loadBuiltinPlugins();

describe('createBuiltinPackages', () => {
  it('bundles a built-in into an import-free package with the manifest the plugin exports', async () => {
    const packages = createBuiltinPackages();
    const template = builtins.find((p) => p.manifest.id === 'core/template')!;
    const pkg = await packages('core/template', template.manifest.version);
    expect(pkg.manifest).toEqual(template.manifest);
    expect(pkg.source).not.toMatch(/^\s*import\s/m);
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(pkg.source).toString('base64')}`);
    expect(
      await mod.default.run({ template: 'Hi [[name]]!', data: { name: 'Ann' } }, { log: () => {} }),
    ).toMatchObject({
      text: 'Hi Ann!',
    });
  });

  it('bundles each id@version once, concurrent asks included', async () => {
    const packages = createBuiltinPackages();
    const [a, b] = await Promise.all([packages('core/switch', '1.0.0'), packages('core/switch', '1.0.0')]);
    expect(b).toBe(a);
    expect(await packages('core/switch', '1.0.0')).toBe(a);
  });

  it('bundles every built-in except the host-side ones, for the neutral platform', async () => {
    const packages = createBuiltinPackages();
    const bundlable = builtins.filter((p) => !HOST_SIDE_BUILTINS[p.manifest.id]);
    const bundled = await Promise.all(bundlable.map((p) => packages(p.manifest.id, p.manifest.version)));
    expect(bundled.map((pkg) => `${pkg.manifest.id}@${pkg.manifest.version}`)).toEqual(
      bundlable.map((p) => `${p.manifest.id}@${p.manifest.version}`),
    );
  });

  it('says why core/code is not bundled', async () => {
    const error = await createBuiltinPackages()('core/code', '1.0.0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(
      /^core\/code is not bundled for the sandbox: it compiles snippets/,
    );
  });

  it('refuses ids and versions that are not built in', async () => {
    const packages = createBuiltinPackages();
    await expect(packages('acme/nope', '1.0.0')).rejects.toBeInstanceOf(NotFoundError);
    await expect(packages('core/template', '9.9.9')).rejects.toThrow(
      "built-in plugin 'core/template@9.9.9' not found",
    );
  });

  it('refuses a folder whose code no longer matches the manifest it was listed with', async () => {
    const template = builtins.find((p) => p.manifest.id === 'core/template')!;
    const stale: Plugin = { ...template, manifest: { ...template.manifest, version: '0.0.1' } } as Plugin;
    const packages = createBuiltinPackages({ plugins: [stale] });
    await expect(packages('core/template', '0.0.1')).rejects.toThrow(
      `plugins/core-template/index.ts now bundles core/template@${template.manifest.version}, not core/template@0.0.1`,
    );
  });
});
