import { afterAll, describe, expect, it } from 'vitest';
import { defaultSandboxPool } from '../../runtime/sandbox/default-pool.ts';
import { createSandboxPool } from '../../runtime/sandbox/sandbox-pool.ts';
import { MemoryTenants } from '../../runtime/sandbox/testing/memory-tenants.ts';
import type { NodeError } from '../../runtime/workflow/errors.ts';
import codePlugin, { codeManifest, createCodeNode } from './index.ts';

const pool = createSandboxPool({ size: 1 });
const node = createCodeNode(pool);
const tenants = new MemoryTenants();
afterAll(async () => {
  await pool.close();
  await defaultSandboxPool().close();
});

describe('core/code', () => {
  it('strips TypeScript types and returns what the code returns', async () => {
    const code = [
      'interface Line { qty: number; price: number }',
      'const lines = input.lines as Line[];',
      'const total: number = lines.reduce((sum: number, l: Line) => sum + l.qty * l.price, 0);',
      'return { total, items: lines.length } satisfies Record<string, number>;',
    ].join('\n');
    const out = await node.invoke(
      {
        code,
        input: {
          lines: [
            { qty: 2, price: 5 },
            { qty: 1, price: 3 },
          ],
        },
      },
      tenants.context('acme'),
    );
    expect(out).toEqual({ total: 13, items: 2 });
  });

  it('gives the code its run context and variables, and may await', async () => {
    const ctx = tenants.context('acme', { runId: 'run-77', nodeId: 'price' });
    const out = await node.invoke(
      {
        code: 'await null; return { ...context, doubled: input * context.vars.factor };',
        input: 4,
        vars: { factor: 2 },
      },
      ctx,
    );
    expect(out).toEqual({ runId: 'run-77', nodeId: 'price', vars: { factor: 2 }, doubled: 8 });
  });

  it('sends console.log, warn and error to the run trace', async () => {
    const before = tenants.logs.length;
    await node.invoke(
      {
        code: 'console.log("items", input.length, [1, 2]); console.warn("slow"); console.error(new Error("bad row").message); return null;',
        input: [1, 2, 3],
      },
      tenants.context('acme'),
    );
    expect(tenants.logs.slice(before).map(({ message, data }) => ({ message, data }))).toEqual([
      { message: 'items 3 [1,2]', data: undefined },
      { message: 'slow', data: { level: 'warn' } },
      { message: 'bad row', data: { level: 'error' } },
    ]);
  });

  it('reports a syntax error with the line of the snippet', async () => {
    const error = (await node
      .invoke({ code: 'const a = 1;\nreturn a +;' }, tenants.context('acme'))
      .catch((e: unknown) => e)) as NodeError;
    expect(error.code).toBe('code-syntax');
    expect(error.message).toMatch(/^the code has a syntax error at line 2, column \d+: /);
  });

  it('treats type annotations as errors when the language is javascript', async () => {
    await expect(
      node.invoke(
        { code: 'const a: number = 1; return a;', language: 'javascript' },
        tenants.context('acme'),
      ),
    ).rejects.toThrow(/syntax error at line 1/);
    await expect(
      node.invoke(
        { code: 'return [1, 2].map((x) => x * 3);', language: 'javascript' },
        tenants.context('acme'),
      ),
    ).resolves.toEqual([3, 6]);
  });

  it('fails the node with the message the code threw, and has no host globals', async () => {
    await expect(
      node.invoke(
        { code: 'throw new Error("no customer for order " + input);', input: 42 },
        tenants.context('acme'),
      ),
    ).rejects.toThrow('no customer for order 42');
    const out = await node.invoke(
      { code: 'return [typeof process, typeof require, typeof fetch, typeof setTimeout];' },
      tenants.context('acme'),
    );
    expect(out).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('needs code', async () => {
    await expect(node.invoke({ input: 1 }, tenants.context('acme'))).rejects.toThrow(
      'core/code needs `code`',
    );
  });

  it('also works as a plain plugin on the shared default pool', async () => {
    expect(codePlugin.manifest).toBe(codeManifest);
    await expect(
      codePlugin.run({ code: 'return input.toUpperCase();', input: 'hi' }, tenants.context('acme')),
    ).resolves.toBe('HI');
  });
});
