/**
 * Plugin code runs in synchronous slices on its worker's main thread, so the pool must send a call
 * to an idle process rather than queue it behind a busy one, and a slice must stay within the CPU
 * budget of its call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 2, limits: { cpuMs: 5_000 } });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

describe('slices', () => {
  it('does not hold a quick call behind a busy process', async () => {
    const slow = testPlugin(
      pool,
      'slow',
      runBody('const end = Date.now() + 1500; while (Date.now() < end) {} return "slow";'),
    );
    const quick = testPlugin(pool, 'quick', runBody('return "quick";'));
    // Two calls at once land on both processes, so both are up and have `quick` warm.
    await Promise.all([
      quick.invoke({}, tenants.context('globex')),
      quick.invoke({}, tenants.context('globex')),
    ]);
    const finished: string[] = [];
    const slowRun = slow.invoke({}, tenants.context('acme')).then((v) => finished.push(String(v)));
    await quick.invoke({}, tenants.context('globex')).then((v) => finished.push(String(v)));
    await slowRun;
    expect(finished).toEqual(['quick', 'slow']);
  });

  it('keeps a call that awaits capabilities within one CPU budget across its slices', async () => {
    const spender = testPlugin(
      pool,
      'spender',
      runBody(
        'for (let i = 0; i < 20; i++) { await ctx.kv.get("k"); const end = Date.now() + 30; while (Date.now() < end) {} } return "done";',
      ),
      { kv: true },
      { cpuMs: 200 },
    );
    await expect(spender.invoke({}, tenants.context('acme'))).rejects.toThrow('timed out after 200 ms');
  });
});
