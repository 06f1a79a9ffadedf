import { afterAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import type { NodeError } from '../workflow/errors.ts';
import { createSandboxPool, type SandboxPoolEvent } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testPlugin } from './testing/test-plugin.ts';

// One process, so every call in flight shares it with the crashing one.
const events: SandboxPoolEvent[] = [];
const pool = createSandboxPool({
  size: 1,
  limits: { cpuMs: 20_000, wallMs: 30_000, memoryMb: 32 },
  onEvent: (event) => events.push(event),
});
const tenants = new MemoryTenants();
afterAll(() => pool.close());

// With `spin`, the plugin's code keeps the worker's thread until the test kills the process, the way
// a payload that segfaults its process (test/security/escape-payloads.ts) would end it, but on cue.
const crasher = testPlugin(
  pool,
  'crasher',
  runBody('if (config.spin) { ctx.log("spinning"); while (true) {} } return "calm";'),
);
const echo = testPlugin(pool, 'echo', runBody('return { n: config.n, tenant: ctx.tenantId };'));

/** Starts a crashing call for `tenantId`; resolves once its code runs, with the call's error to come. */
async function crashing(tenantId: string): Promise<{ crash: () => Promise<NodeError> }> {
  let spinning!: () => void;
  const started = new Promise<void>((resolve) => {
    spinning = resolve;
  });
  const call = crasher.invoke({ spin: true }, tenants.context(tenantId, { log: () => spinning() })).then(
    (value) => {
      throw new Error(`expected a crash, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e as NodeError,
  );
  await started;
  return {
    crash: async () => {
      process.kill(pool.processIds()[0]!, 'SIGKILL');
      return call;
    },
  };
}

/** A kv whose `get` waits until `open()` is called, and tells when it was entered. */
function gatedKv(): { kv: NodeContext['kv']; entered: Promise<void>; open: () => void } {
  let enter!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const gate = new Promise<string>((resolve) => {
    open = () => resolve('stored');
  });
  const kv = {
    get: async () => {
      enter();
      return gate;
    },
    set: async () => {},
    delete: async () => {},
  };
  return { kv, entered, open };
}

describe('a sandbox process crash is contained', () => {
  it('runs a bystander that was waiting on the crashed process again, and it succeeds', async () => {
    const suspect = await crashing('evil');
    // Sent while the crasher holds the worker's thread: it waits in the same process.
    const bystander = echo.invoke({ n: 7 }, tenants.context('acme'));
    const error = await suspect.crash();
    expect(error.code).toBe('sandbox-crashed');
    expect(error.message).toMatch(
      /test\/crasher stopped \(signal SIGKILL\) while this node's code was running/,
    );
    await expect(bystander).resolves.toEqual({ n: 7, tenant: 'acme' });
  });

  it('fails a bystander that had already called a host capability, saying why it was not run again', async () => {
    const reader = testPlugin(pool, 'reader', runBody('return await ctx.kv.get("x");'), { kv: true });
    const gated = gatedKv();
    const bystander = reader.invoke({}, tenants.context('acme', { kv: gated.kv })).catch((e: unknown) => e);
    await gated.entered;
    const suspect = await crashing('evil');
    await suspect.crash();
    gated.open();
    const error = (await bystander) as NodeError;
    expect(error.code).toBe('sandbox-crashed');
    expect(error.message).toMatch(
      /test\/reader stopped \(signal SIGKILL\) after this node had called host capabilities, which may have had effects, so it was not run again/,
    );
  });

  it('refuses a plugin version to the tenant whose calls crashed it 3 times, and only to them', async () => {
    // Two crashes so far came from tenant evil (the tests above); a third quarantines.
    const third = await crashing('evil');
    expect((await third.crash()).code).toBe('sandbox-crashed');
    const startsBefore = events.filter((e) => e.type === 'process-started').length;
    const refused = (await crasher
      .invoke({ spin: false }, tenants.context('evil'))
      .catch((e: unknown) => e)) as NodeError;
    expect(refused.code).toBe('plugin-quarantined');
    expect(refused.message).toMatch(
      /^test\/crasher@1\.0\.0 crashed its sandbox 3 times; refused until \d\d:\d\d UTC$/,
    );
    expect(events.some((e) => e.type === 'plugin-quarantined' && e.tenantId === 'evil')).toBe(true);
    // Other tenants keep the plugin, and the offending tenant keeps its other plugins.
    await expect(crasher.invoke({ spin: false }, tenants.context('acme'))).resolves.toBe('calm');
    await expect(echo.invoke({ n: 1 }, tenants.context('evil'))).resolves.toEqual({ n: 1, tenant: 'evil' });
    // The refusal itself started no process (the replacement after the crash is the pool's own).
    expect(events.filter((e) => e.type === 'process-started').length).toBeLessThanOrEqual(startsBefore + 1);
  });
});
