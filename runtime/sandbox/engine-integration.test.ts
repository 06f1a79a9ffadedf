import { afterAll, describe, expect, it } from 'vitest';
import { createCodeNode } from '../../plugins/core-code/index.ts';
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { controlPlugins, createInProcessResolver, parseUses, runWorkflow } from '../engine/index.ts';
import { NotFoundError } from '../workflow/errors.ts';
import type { Workflow } from '../workflow/types.ts';
import { createSandboxPool } from './sandbox-pool.ts';
import { testPlugin } from './testing/test-plugin.ts';

const pool = createSandboxPool({ size: 2, limits: { cpuMs: 2_000, memoryMb: 32 } });
afterAll(() => pool.close());

const sandboxed: Record<string, ResolvedPlugin> = {
  'core/code': createCodeNode(pool),
  'test/spin': testPlugin(pool, 'spin', 'export function run() { while (true) {} }', {}, { cpuMs: 300 }),
  'test/hog': testPlugin(
    pool,
    'hog',
    'export function run() { const keep = []; while (true) keep.push(new Array(1e5).fill(1)); }',
  ),
};
const builtins = createInProcessResolver(controlPlugins);
const resolvePlugin = (uses: string) => sandboxed[parseUses(uses).id] ?? builtins(uses);

function run(workflow: Workflow, input: unknown) {
  return runWorkflow(workflow, input, {
    resolvePlugin,
    loadWorkflow: async (ref) => {
      throw new NotFoundError('workflow', ref);
    },
    tenantId: 'acme',
  }).result;
}

describe('sandboxed plugins in the engine', () => {
  it('runs code nodes like any node, with console output in the trace', async () => {
    const record = await run(
      {
        id: 'pricing',
        nodes: [
          {
            id: 'total',
            uses: 'core/code@^1',
            with: {
              code: 'const t: number = input.reduce((a: number, b: number) => a + b, 0); console.log("sum", t); return { t };',
              input: '{{ inputs.prices }}',
            },
            next: 'vat',
          },
          {
            id: 'vat',
            uses: 'core/code@^1',
            with: { code: 'return Math.round(input * 1.2);', input: '{{ nodes.total.t }}' },
          },
        ],
      },
      { prices: [10, 20, 30] },
    );
    expect(record.status).toBe('completed');
    expect(record.output).toBe(72);
    expect(record.events.find((e) => e.type === 'node.log')).toMatchObject({
      nodeId: 'total',
      message: 'sum 60',
    });
  });

  it('lets onError handle a timeout and a memory limit while the run carries on', async () => {
    const record = await run(
      {
        id: 'hostile',
        nodes: [
          { id: 'spin', uses: 'test/spin@^1', onError: 'continue', next: 'hog' },
          { id: 'hog', uses: 'test/hog@^1', onError: { fallback: 'rescue' } },
          { id: 'rescue', uses: 'core/code@^1', with: { code: 'return "rescued";' } },
        ],
      },
      {},
    );
    expect(record.status).toBe('completed');
    expect(record.nodes.spin?.error).toEqual({ code: 'timeout', message: 'timed out after 300 ms' });
    expect(record.nodes.hog?.error).toEqual({
      code: 'memory-limit',
      message: 'exceeded the memory limit of 32 MB',
    });
    expect(record.output).toBe('rescued');
  });
});
