/**
 * Sandbox benchmarks, each next to a baseline measured in the same run: warm code-node call overhead
 * (vs node:vm running the same code on the same input), isolate cold start (vs a fresh node:vm
 * context), and a 10-node chain of sandboxed plugins through the engine (vs the same plugin
 * in-process). Iteration counts are fixed so the whole suite takes a few seconds.
 */
import vm from 'node:vm';
import { createCodeNode } from '../plugins/core-code/index.ts';
import { definePlugin, type ResolvedPlugin } from '../registry/sdk/plugin.ts';
import { controlPlugins, createInProcessResolver, parseUses, runWorkflow } from '../runtime/engine/index.ts';
import { createSandboxPool, type SandboxPool } from '../runtime/sandbox/sandbox-pool.ts';
import { MemoryTenants } from '../runtime/sandbox/testing/memory-tenants.ts';
import { testPlugin } from '../runtime/sandbox/testing/test-plugin.ts';
import type { Workflow } from '../runtime/workflow/types.ts';

/** One figure for bench/run.ts. */
interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  baseline?: { name: string; value: number };
}

const CODE =
  'let total = 0; for (const item of input.items) total += item.qty * item.price; return { total, count: input.items.length };';
// About 1 KB of JSON.
const INPUT = {
  items: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: (i % 4) + 1, price: 9.5 + i })),
};

const WARM_UP_CALLS = 5_000;
const SAMPLES = 2_000;

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeEach(times: number, once: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await once(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** node:vm with the same code and a JSON copy of the input, as an isolation-free baseline. */
function vmRunner(): (input: unknown) => unknown {
  const context = vm.createContext({});
  const fn = vm.runInContext(`(async function (input, context) {\n${CODE}\n})`, context) as (
    input: unknown,
    c: unknown,
  ) => Promise<unknown>;
  return async (input) => JSON.parse(JSON.stringify(await fn(JSON.parse(JSON.stringify(input)), {})));
}

function chain(uses: string): Workflow {
  return {
    id: 'chain',
    nodes: Array.from({ length: 10 }, (_, i) => ({
      id: `n${i}`,
      uses,
      with: { value: i === 0 ? '{{ inputs.x }}' : `{{ nodes.n${i - 1}.value }}` },
      next: i < 9 ? `n${i + 1}` : undefined,
    })),
  };
}

async function chainsPerSecond(
  resolve: (uses: string) => ResolvedPlugin,
  uses: string,
  runs: number,
): Promise<number> {
  const builtins = createInProcessResolver(controlPlugins);
  const workflow = chain(uses);
  const options = {
    resolvePlugin: (u: string) => (parseUses(u).id === parseUses(uses).id ? resolve(u) : builtins(u)),
    loadWorkflow: async () => workflow,
    tenantId: 'bench',
  };
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await runWorkflow(workflow, { x: i }, options).result;
    if (record.status !== 'completed' || (record.output as { value?: number }).value !== i + 10)
      throw new Error(`chain failed: ${JSON.stringify(record.error)}`);
  }
  return runs / ((performance.now() - start) / 1000);
}

/** p50 of a warm code-node call on `pool`, in ms. */
async function warmCallMs(pool: SandboxPool, tenants: MemoryTenants): Promise<number> {
  const code = createCodeNode(pool);
  const ctx = tenants.context('bench');
  // Host and worker reach steady state (optimised code on both sides) after a few thousand calls;
  // fewer warm-up calls measured the compilers more than the sandbox.
  await timeEach(WARM_UP_CALLS, () => code.invoke({ code: CODE, input: INPUT }, ctx));
  return p50(await timeEach(SAMPLES, () => code.invoke({ code: CODE, input: INPUT }, ctx)));
}

/** Figures for bench/run.ts. */
export async function benchSandbox(): Promise<Figure[]> {
  const pool = createSandboxPool({ size: 2 });
  const tenants = new MemoryTenants();
  let figures: Figure[];
  let warm: number;
  try {
    const code = createCodeNode(pool);
    const ctx = tenants.context('bench');
    warm = await warmCallMs(pool, tenants);
    const viaVm = vmRunner();
    await timeEach(WARM_UP_CALLS, () => viaVm(INPUT));
    const vmWarm = p50(await timeEach(SAMPLES, () => viaVm(INPUT)));

    // A new snippet each time: a new sha256, so a new isolate, compile and first call.
    const cold = p50(await timeEach(20, (i) => code.invoke({ code: `${CODE} // ${i}`, input: INPUT }, ctx)));
    const vmCold = p50(
      await timeEach(20, (i) =>
        vm.runInContext(`(function (input) {\n${CODE} // ${i}\n})`, vm.createContext({}))(INPUT),
      ),
    );

    const step = testPlugin(
      pool,
      'step',
      'export function run(config) { return { value: config.value + 1 }; }',
    );
    const inProcess = createInProcessResolver([
      definePlugin({
        manifest: { ...step.manifest, kind: 'node' as const },
        run: (config: Record<string, unknown>) => ({ value: (config.value as number) + 1 }),
      }),
    ]);
    await chainsPerSecond(() => step, 'test/step@^1', 10);
    const sandboxedChains = await chainsPerSecond(() => step, 'test/step@^1', 100);
    const inProcessChains = await chainsPerSecond((u) => inProcess(u) as ResolvedPlugin, 'test/step@^1', 100);

    figures = [
      {
        name: `warm code-node call, 1 KB input (p50 of ${SAMPLES} after ${WARM_UP_CALLS} warm-up calls)`,
        value: warm,
        unit: 'ms',
        target: '< 0.05 ms',
        baseline: { name: 'node:vm, same code and input', value: vmWarm },
      },
      {
        name: 'isolate cold start + first call (p50)',
        value: cold,
        unit: 'ms',
        baseline: { name: 'node:vm new context + compile', value: vmCold },
      },
      {
        name: '10-node chain of sandboxed plugins',
        value: sandboxedChains,
        unit: 'chains/s',
        baseline: { name: 'same chain in-process', value: inProcessChains },
      },
    ];
  } finally {
    await pool.close();
  }
  // What CPU placement (runtime/sandbox/cpu-placement.ts) saves: the same call with the kernel
  // placing host and worker, once the placed pool has closed and unpinned the host.
  const unplaced = createSandboxPool({ size: 2, cpuPlacement: 'off' });
  const unplacedMs = await warmCallMs(unplaced, tenants).finally(() => unplaced.close());
  figures.push({
    name: 'same warm call with CPU placement off',
    value: unplacedMs,
    unit: 'ms',
    baseline: { name: 'host and first worker on one core (default)', value: warm },
  });
  return figures;
}
