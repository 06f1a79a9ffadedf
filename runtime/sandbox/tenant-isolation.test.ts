import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from './sandbox-pool.ts';
import { MemoryTenants } from './testing/memory-tenants.ts';
import { testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({
  size: 1,
  limitsFor: (tenantId) => (tenantId === 'free-tenant' ? { cpuMs: 100 } : { cpuMs: 3_000 }),
});
const tenants = new MemoryTenants();
afterAll(() => pool.close());

// Module-level state survives between calls in a warm isolate: exactly what must never be shared.
const counter = testPlugin(
  pool,
  'counter',
  'let calls = 0; let last; export function run(config, ctx) { calls++; const seen = last; last = config.secret; return { calls, seen }; }',
);

describe('tenant separation', () => {
  it('keeps a warm isolate per tenant, so one tenant never sees state another left behind', async () => {
    expect(await counter.invoke({ secret: 'acme-1' }, tenants.context('acme'))).toEqual({ calls: 1 });
    expect(await counter.invoke({ secret: 'acme-2' }, tenants.context('acme'))).toEqual({
      calls: 2,
      seen: 'acme-1',
    });
    expect(await counter.invoke({ secret: 'globex-1' }, tenants.context('globex'))).toEqual({ calls: 1 });
    expect(await counter.invoke({ secret: 'acme-3' }, tenants.context('acme'))).toEqual({
      calls: 3,
      seen: 'acme-2',
    });
  });

  it('keeps a changed version of a plugin in its own isolate', async () => {
    const next = testPlugin(
      pool,
      'counter',
      'let calls = 100; export function run() { return { calls: ++calls }; }',
    );
    expect(next.sha256).not.toBe(counter.sha256);
    expect(await next.invoke({}, tenants.context('acme'))).toEqual({ calls: 101 });
    expect(await counter.invoke({ secret: 'acme-4' }, tenants.context('acme'))).toEqual({
      calls: 4,
      seen: 'acme-3',
    });
  });

  it("applies each tenant's plan limits", async () => {
    const busy = testPlugin(
      pool,
      'busy',
      'export function run() { let s = 0; for (let i = 0; i < 1e8; i++) s += i % 7; return s > 0 ? "done" : "never"; }',
    );
    await expect(busy.invoke({}, tenants.context('free-tenant'))).rejects.toThrow('timed out after 100 ms');
    await expect(busy.invoke({}, tenants.context('paying-tenant'))).resolves.toBe('done');
  });

  it('lets a plugin tighten its limits but never loosen the plan', async () => {
    const greedy = testPlugin(
      pool,
      'greedy',
      'export function run() { while (true) {} }',
      {},
      { cpuMs: 60_000 },
    );
    await expect(greedy.invoke({}, tenants.context('free-tenant'))).rejects.toThrow('timed out after 100 ms');
  });
});
