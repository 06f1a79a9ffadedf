/**
 * Third-party routers run in a real sandbox pool: they choose and learn like in-process ones, a
 * hostile one ends in a clear error while the pool keeps serving, and a call can name only the
 * methods of the plugin's kind. (Judges and providers: sandboxed-strategy-capabilities.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Permissions, PluginKind } from '../../registry/sdk/plugin.ts';
import { NodeError, TimeoutError } from '../workflow/errors.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { createSandboxedStrategy, type SandboxedJudge, type SandboxedRouter } from './sandboxed-strategy.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { testManifest } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 1, limits: { cpuMs: 1_000, memoryMb: 32 } });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

const manifest = (name: string, kind: PluginKind, permissions: Permissions = {}) =>
  testManifest(`acme/${name}`, kind, permissions);

function strategy(name: string, kind: PluginKind, source: string, permissions: Permissions = {}) {
  return createSandboxedStrategy({ manifest: manifest(name, kind, permissions), source }, pool, {
    tenantId: 'acme',
    limits: { cpuMs: 250 },
  });
}

const CHEAPEST = `export default definePlugin({
  choose(request, state, config, random) {
    const arms = [...request.arms].sort((a, b) => a.costPer1kTokens - b.costPer1kTokens);
    const draw = random();
    if (!(draw >= 0 && draw < 1)) throw new Error('random is not a number in [0, 1)');
    return {
      arm: arms[0].id,
      fallbacks: arms.slice(1).map((a) => a.id),
      explanation: "'" + arms[0].id + "' is the cheapest (" + (state.calls ?? 0) + ' calls learned)',
    };
  },
  learn(outcome, state) {
    return { calls: (state.calls ?? 0) + 1, last: outcome.arm, success: outcome.success };
  },
});`;

const arms = [
  { id: 'premium', costPer1kTokens: 0.03 },
  { id: 'mini', costPer1kTokens: 0.001 },
  { id: 'mid', costPer1kTokens: 0.01 },
];

describe('a sandboxed router', () => {
  const router = strategy('cheapest', 'router', CHEAPEST) as SandboxedRouter;

  it('chooses with its own random source and learns state in, state out', async () => {
    const state = await router.learn({ arm: 'mini', success: true }, {}, {});
    expect(state).toEqual({ calls: 1, last: 'mini', success: true });
    const again = await router.learn({ arm: 'mid', success: false }, state, {});
    expect(again).toEqual({ calls: 2, last: 'mid', success: false });
    await expect(router.choose({ arms }, again, {})).resolves.toEqual({
      arm: 'mini',
      fallbacks: ['mid', 'premium'],
      explanation: "'mini' is the cheapest (2 calls learned)",
    });
  });

  it('fails with a clear error when choose answers something that is not a choice', async () => {
    const liar = strategy(
      'liar',
      'router',
      'export default { choose() { return { arm: 42 } }, learn: (o, s) => s };',
    );
    const error = (await (liar as SandboxedRouter)
      .choose({ arms }, {}, {})
      .catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('router-bug');
    expect(error.message).toBe(
      'acme/liar@1.0.0 must choose { arm, explanation, fallbacks? } (strings), but returned {"arm":42}',
    );
    const forgetful = strategy(
      'forgetful',
      'router',
      'export default { choose() {}, learn() { return [1] } };',
    );
    await expect((forgetful as SandboxedRouter).learn({ arm: 'a', success: true }, {}, {})).rejects.toThrow(
      'acme/forgetful@1.0.0 must learn a state object, but returned [1]',
    );
  });

  it('passes a throwing router on as a plugin error, and stops one that loops forever', async () => {
    const thrower = strategy(
      'thrower',
      'router',
      'export default { choose() { const e = new Error("no arm suits me"); e.code = "picky"; throw e; }, learn: (o, s) => s };',
    ) as SandboxedRouter;
    const thrown = (await thrower.choose({ arms }, {}, {}).catch((e: unknown) => e)) as NodeError;
    expect(thrown.code).toBe('plugin-error');
    expect(thrown.message).toBe('no arm suits me');
    expect(thrown.details).toMatchObject({ plugin: 'acme/thrower', pluginCode: 'picky' });

    const looper = strategy(
      'looper',
      'router',
      'export default { choose() { while (true) {} }, learn: (o, s) => s };',
    );
    const error = await (looper as SandboxedRouter).choose({ arms }, {}, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('timed out after 250 ms');
    await expect(router.choose({ arms }, {}, {})).resolves.toMatchObject({ arm: 'mini' });
  });
});

describe('the sandbox refuses calls outside a plugin kind', () => {
  const call = (config: Record<string, unknown>) =>
    pool.run({
      manifest: manifest('cheapest', 'router'),
      sha256: 'cheapest-module',
      source: CHEAPEST,
      config,
      ctx: tenants.context('acme'),
    });

  it('names only the methods of the kind, never any other property', async () => {
    const args = [{ arms }, {}, {}];
    await expect(call({ kind: 'router', method: 'judge', args: [{}, {}] })).rejects.toThrow(
      "refused: 'judge' is not a method of a router plugin (a router has choose and learn, a judge judge, a provider complete)",
    );
    await expect(call({ kind: 'router', method: 'constructor', args })).rejects.toThrow(
      "refused: 'constructor' is not a method of a router plugin",
    );
    await expect(call({ kind: 'router', method: 'choose', args: [{ arms }] })).rejects.toThrow(
      'refused: choose takes 3 arguments from the host',
    );
    await expect(call({ kind: 'router', method: 'choose', args })).resolves.toMatchObject({ arm: 'mini' });
  });

  it('does not run a router as a workflow node', async () => {
    await expect(call({ text: 'hello' })).rejects.toThrow(
      'refused: this module exports no run function, so it cannot run as a workflow node',
    );
  });

  it('refuses a module that lacks the method its kind needs, or has none at all', async () => {
    const judgeOnly = strategy(
      'half',
      'router',
      'export default { judge() { return 1 } };',
    ) as SandboxedRouter;
    await expect(judgeOnly.choose({ arms }, {}, {})).rejects.toThrow(
      'the router module has no choose function',
    );
    const empty = strategy('empty', 'judge', 'export const nothing = 1;') as SandboxedJudge;
    await expect(
      empty.judge({ output: 'x' }, {}, { signal: new AbortController().signal, log: () => {} }),
    ).rejects.toThrow(/could not be loaded: the module exports no run function/);
    expect(() => strategy('node', 'node', CHEAPEST)).toThrow(
      'acme/node is a node plugin, not a router, judge or provider',
    );
  });
});
