/**
 * The golden fixtures of the example workflows, run with every built-in node plugin bundled and
 * resolved through the sandbox (the path third-party plugins take), must give the same outputs as
 * the in-process golden test (workflows/golden.test.ts): same fixtures, same check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlugins } from '../../plugins/load-builtins.ts';
import { createBuiltinPackages } from '../../registry/builtin-packages.ts';
import type { PluginResolver } from '../../registry/sdk/plugin.ts';
import { createSandboxPool } from '../../runtime/sandbox/sandbox-pool.ts';
import { createSandboxedBuiltinResolver } from '../../runtime/sandbox/sandboxed-builtin-resolver.ts';
import { createExampleRunner } from '../../workflows/example-runner.ts';
import { expectGoldenRun, loadGoldenFixtures } from '../../workflows/golden-cases.ts';

const pool = createSandboxPool({ size: 2 });
const packages = createBuiltinPackages();
const builtins = await loadBuiltinPlugins();
afterAll(() => pool.close());

/** Where each plugin a run used ran: the sandboxed ones carry a package hash, in-process ones `builtin:`. */
const ranWith = new Map<string, string>();

function sandboxedResolver(): PluginResolver {
  const resolve = createSandboxedBuiltinResolver({ builtins, packages, pool });
  return async (uses) => {
    const plugin = await resolve(uses);
    ranWith.set(plugin.manifest.id, plugin.sha256);
    return plugin;
  };
}

for (const fixture of loadGoldenFixtures()) {
  describe(`sandboxed golden: ${fixture.workflow}`, () => {
    it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, golden) => {
      const runner = await createExampleRunner({ resolvePlugin: sandboxedResolver() });
      const record = await runner.run(fixture.workflow, golden.input);
      expectGoldenRun(record, golden);
    });
  });
}

describe('sandboxed golden runs', () => {
  it('ran every node plugin from a bundled package, and only the control nodes in-process', () => {
    const control = builtins.filter((p) => p.manifest.control).map((p) => p.manifest.id);
    const inProcess = [...ranWith].filter(([, sha]) => sha.startsWith('builtin:')).map(([id]) => id);
    expect(
      inProcess.every((id) => control.includes(id)),
      `in-process: ${inProcess.join(', ')}`,
    ).toBe(true);
    const sandboxed = [...ranWith].filter(([, sha]) => /^[0-9a-f]{64}$/.test(sha)).map(([id]) => id);
    // The examples use these node plugins; if one stops being used the list here should say so.
    expect(sandboxed.sort()).toEqual(
      expect.arrayContaining([
        'core/data',
        'core/entities',
        'core/intent',
        'core/knowledge-search',
        'core/template',
      ]),
    );
  });
});
