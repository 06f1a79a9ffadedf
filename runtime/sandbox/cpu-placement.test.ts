/**
 * CPU placement of a pool's processes, read back from the kernel (/proc): the host's main thread and
 * the first worker share a core while the pool is open, the other workers stay off it, and closing
 * the pool gives the main thread its cores back.
 */
import { describe, expect, it } from 'vitest';
import { allowedCpus, parseCpuList, placeNearHost } from './cpu-placement.ts';
import { createSandboxPool, type SandboxPoolEvent } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { testPlugin } from './testing/test-plugin.ts';

const before = allowedCpus(process.pid);
// Placement needs Linux and at least two cores this process may use; elsewhere it must stay off.
const placeable = process.platform === 'linux' && before !== undefined && parseCpuList(before).length >= 2;

describe('cpu placement', () => {
  it('parses CPU lists', () => {
    expect(parseCpuList('0-3,6,8-9')).toEqual([0, 1, 2, 3, 6, 8, 9]);
    expect(parseCpuList('5')).toEqual([5]);
  });

  it("pins the host's main thread and the first worker to one core, the others elsewhere", async () => {
    const events: SandboxPoolEvent[] = [];
    const pool = createSandboxPool({
      size: 2,
      cpuPlacement: 'share-host-core',
      onEvent: (e) => events.push(e),
    });
    const plugin = testPlugin(
      pool,
      'echo',
      'export function run(config) { return { value: config.value }; }',
    );
    try {
      await expect(plugin.invoke({ value: 1 }, new MemoryTenants().context('t1'))).resolves.toEqual({
        value: 1,
      });
      const [first, second] = pool.processIds();
      if (!placeable) {
        expect(events.some((e) => e.cpus !== undefined)).toBe(false);
        return;
      }
      const host = allowedCpus(process.pid)!;
      expect(parseCpuList(host)).toHaveLength(1);
      expect(allowedCpus(first!)).toBe(host);
      const others = parseCpuList(allowedCpus(second!)!);
      expect(others).not.toContain(Number(host));
      expect(others.length).toBeGreaterThan(0);
      expect(events.filter((e) => e.type === 'process-started').map((e) => e.cpus)).toEqual([
        host,
        others.join(','),
      ]);
    } finally {
      await pool.close();
    }
    expect(allowedCpus(process.pid)).toBe(before);
  });

  it('sends a call to the worker on the host core whenever that one is free', async () => {
    const pool = createSandboxPool({ size: 2, cpuPlacement: 'share-host-core' });
    // A module-level counter tells which process's isolate ran a call: each process has its own.
    const counter =
      'let calls = 0; export function run(config) { const until = Date.now() + config.ms; while (Date.now() < until); return ++calls; }';
    const slow = testPlugin(pool, 'slow', counter);
    const quick = testPlugin(pool, 'quick', `${counter} // quick`);
    const ctx = new MemoryTenants().context('t1');
    try {
      // The first worker is busy with `slow`, so `quick` starts on the second one...
      const [a, b] = await Promise.all([slow.invoke({ ms: 300 }, ctx), quick.invoke({ ms: 0 }, ctx)]);
      expect([a, b]).toEqual([1, 1]);
      // ...and comes back to the first once it is free (warm there or not), when placement is on.
      expect(await quick.invoke({ ms: 0 }, ctx)).toBe(placeable ? 1 : 2);
      expect(await quick.invoke({ ms: 0 }, ctx)).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('keeps the main thread pinned until the last pool closes', () => {
    const a = placeNearHost('share-host-core');
    const b = placeNearHost('share-host-core');
    if (!placeable) {
      expect(a).toBeUndefined();
      return;
    }
    expect(b?.hostCpu).toBe(a?.hostCpu);
    a?.release();
    a?.release(); // twice is once
    expect(allowedCpus(process.pid)).toBe(String(b?.hostCpu));
    b?.release();
    expect(allowedCpus(process.pid)).toBe(before);
  });

  it("'off' leaves every process where the kernel puts it", async () => {
    expect(placeNearHost('off')).toBeUndefined();
    const pool = createSandboxPool({ size: 1, cpuPlacement: 'off' });
    const plugin = testPlugin(pool, 'echo', 'export function run() { return 1; }');
    try {
      await plugin.invoke({}, new MemoryTenants().context('t1'));
      expect(allowedCpus(pool.processIds()[0]!)).toBe(before);
      expect(allowedCpus(process.pid)).toBe(before);
    } finally {
      await pool.close();
    }
  });
});
