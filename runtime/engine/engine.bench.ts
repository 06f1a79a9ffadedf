/**
 * Engine overhead per node on a 100-node chain of trivial plugins, next to a baseline of calling the
 * same plugin function directly. `node runtime/engine/engine.bench.ts`, or via bench/run.ts
 * (`export { benchEngine } from '../runtime/engine/engine.bench.ts'` in bench/engine.bench.ts).
 * Timing lives here, never in pass/fail tests.
 */
import { fileURLToPath } from 'node:url';
import type { Workflow } from '../workflow/types.ts';
import { runTest } from './test-kit.ts';

const NODES = 100;

const workflow: Workflow = {
  id: 'chain',
  nodes: Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    uses: 'test/echo@^1',
    with: {
      value: i === 0 ? '{{ inputs.x }}' : `{{ nodes.n${i - 1}.value + 1 }}`,
      label: 'step {{ index }}',
    },
    next: i < NODES - 1 ? `n${i + 1}` : undefined,
  })),
};

async function perNodeMicros(runs: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await runTest(workflow, { x: 0 });
    if ((record.output as { value?: number } | undefined)?.value !== NODES - 1)
      throw new Error('wrong result');
  }
  return ((performance.now() - t0) * 1000) / (runs * NODES);
}

async function directMicros(runs: number): Promise<number> {
  const echo = async (config: Record<string, unknown>) => config;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    let value = 0;
    for (let n = 0; n < NODES; n++)
      value = ((await echo({ value: n === 0 ? 0 : value + 1 })) as { value: number }).value;
  }
  return ((performance.now() - t0) * 1000) / (runs * NODES);
}

/** Figures for bench/run.ts: engine µs per node against direct plugin calls. */
export async function benchEngine() {
  await perNodeMicros(200);
  const engine = await perNodeMicros(2000);
  const direct = await directMicros(2000);
  return [
    {
      name: 'engine overhead per node (100-node chain)',
      value: engine,
      unit: 'µs',
      target: '< 20 µs',
      baseline: { name: 'direct plugin call', value: direct },
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const figure of await benchEngine())
    console.log(
      `${figure.name}: ${figure.value.toFixed(2)} ${figure.unit} (direct call ${figure.baseline.value.toFixed(3)} ${figure.unit})`,
    );
}
