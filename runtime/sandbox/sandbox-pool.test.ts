import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, NodeError, TimeoutError } from '../workflow/errors.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { runBody, testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 2, limits: { cpuMs: 2_000, memoryMb: 32 } });
const tenants = new MemoryTenants();
afterAll(() => pool.close());

const echo = testPlugin(
  pool,
  'echo',
  runBody('return { doubled: config.n * 2, node: ctx.nodeId, tenant: ctx.tenantId };'),
);
const loop = testPlugin(pool, 'loop', runBody('while (true) {}'), {}, { cpuMs: 250 });
const bomb = testPlugin(
  pool,
  'bomb',
  runBody('const keep = []; while (true) keep.push(new Array(1e5).fill(keep.length));'),
);

describe('sandbox pool', () => {
  it('runs a plugin and returns its output', async () => {
    await expect(echo.invoke({ n: 21 }, tenants.context('acme'))).resolves.toEqual({
      doubled: 42,
      node: 'node',
      tenant: 'acme',
    });
  });

  it('ends an infinite loop with a timeout the workflow can handle, and keeps serving', async () => {
    const error = await loop.invoke({}, tenants.context('acme')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('timed out after 250 ms');
    await expect(echo.invoke({ n: 1 }, tenants.context('acme'))).resolves.toMatchObject({ doubled: 2 });
  });

  it('ends a memory bomb while other calls in flight on other processes succeed', async () => {
    const slow = testPlugin(
      pool,
      'slow',
      runBody('let s = 0; for (let i = 0; i < 2e6; i++) s += i; return s;'),
    );
    const others = Array.from({ length: 6 }, (_, i) =>
      i % 2 ? echo.invoke({ n: i }, tenants.context(`t${i}`)) : slow.invoke({}, tenants.context(`t${i}`)),
    );
    const bombed = bomb.invoke({}, tenants.context('evil')).catch((e: unknown) => e);
    const results = await Promise.all(others);
    expect(results.filter((r) => typeof r === 'number')).toEqual([
      1999999000000, 1999999000000, 1999999000000,
    ]);
    const error = await bombed;
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe('memory-limit');
    expect((error as Error).message).toBe('exceeded the memory limit of 32 MB');
    await expect(echo.invoke({ n: 3 }, tenants.context('evil'))).resolves.toMatchObject({ doubled: 6 });
  });

  it('replaces a crashed process and fails only the calls it was running', async () => {
    const before = pool.processIds();
    expect(before).toHaveLength(2);
    const waiting = testPlugin(pool, 'waiting', runBody('return { value: await ctx.kv.get("x") };'), {
      kv: true,
    });
    // Each call blocks in the host's kv until released, so both are in flight, one per process.
    const gates: Array<() => void> = [];
    const entered: Array<Promise<void>> = [];
    const blockingKv = (value: string) => {
      let arrived!: () => void;
      entered.push(
        new Promise<void>((resolve) => {
          arrived = resolve;
        }),
      );
      return {
        get: () => {
          arrived();
          return new Promise((resolve) => gates.push(() => resolve(value)));
        },
        set: async () => {},
        delete: async () => {},
      };
    };
    const doomed = waiting
      .invoke({}, tenants.context('acme', { kv: blockingKv('a') }))
      .catch((e: unknown) => e);
    await entered[0];
    const survivor = waiting.invoke({}, tenants.context('globex', { kv: blockingKv('b') }));
    await entered[1];
    // The idle pool sent the first call to its first process and the second to the other one.
    process.kill(before[0]!, 'SIGKILL');
    const error = (await doomed) as NodeError;
    expect(error.code).toBe('sandbox-crashed');
    expect(error.message).toMatch(/test\/waiting stopped \(signal SIGKILL\)/);
    for (const open of gates) open();
    await expect(survivor).resolves.toEqual({ value: 'b' });
    await expect(echo.invoke({ n: 5 }, tenants.context('acme'))).resolves.toMatchObject({ doubled: 10 });
    const after = pool.processIds();
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
    expect(after).toContain(before[1]);
  });

  it('cancels a running call when the run is cancelled', async () => {
    const controller = new AbortController();
    const call = loop
      .invoke({}, tenants.context('acme', { signal: controller.signal }))
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 30);
    expect(await call).toBeInstanceOf(CancelledError);
  });

  it('reports what the plugin threw as a node error', async () => {
    const thrower = testPlugin(
      pool,
      'thrower',
      runBody('const e = new Error("order 42 has no customer"); e.code = "no-customer"; throw e;'),
    );
    const error = (await thrower.invoke({}, tenants.context('acme')).catch((e: unknown) => e)) as NodeError;
    expect(error.code).toBe('plugin-error');
    expect(error.message).toBe('order 42 has no customer');
    expect(error.details).toMatchObject({ plugin: 'test/thrower', pluginCode: 'no-customer' });
  });

  it('refuses modules that are not bundled or export no run function', async () => {
    const importing = testPlugin(
      pool,
      'importing',
      'import fs from "node:fs"; export function run() { return fs; }',
    );
    await expect(importing.invoke({}, tenants.context('acme'))).rejects.toThrow(
      /must be bundled, but this one imports 'node:fs'/,
    );
    const empty = testPlugin(pool, 'empty', 'export const x = 1;');
    await expect(empty.invoke({}, tenants.context('acme'))).rejects.toThrow(/exports no run function/);
  });

  it('refuses an output over the size limit', async () => {
    const big = testPlugin(pool, 'big', runBody('return "x".repeat(2000);'), {}, { maxOutputBytes: 1000 });
    await expect(big.invoke({}, tenants.context('acme'))).rejects.toThrow(/over the limit of 1000 bytes/);
  });
});
