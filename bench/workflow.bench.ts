/**
 * Workflow benchmarks, each next to a baseline from the same run:
 * - parse + validate of a generated 1,000-node workflow (checkWorkflow, as hosts and the CLI call it)
 *   against plain `YAML.parse` of the same text, the floor the yaml library alone would set;
 * - the same check forced through the yaml library's Document (the path files with problems take);
 * - runs per second of the customer-support example (offline runner, a few typical messages)
 *   against a trivial 3-node workflow through the same runner and engine.
 * `npm run bench -- workflow`, or `node bench/workflow.bench.ts`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadBuiltinPlugins } from '../plugins/load-builtins.ts';
import { parseUses } from '../registry/resolve-version.ts';
import { checkWorkflow } from '../runtime/workflow/check-workflow.ts';
import type { ValidateOptions } from '../runtime/workflow/validate-workflow.ts';
import { createExampleRunner, examplesDir } from '../workflows/example-runner.ts';
import { largeWorkflowYaml } from './large-workflow.ts';
import type { Figure } from './run.ts';

const NODES = 1000;

/** Representative customer-support messages: a greeting, order tracking, a complaint, an FAQ. */
const MESSAGES = [
  { message: 'hello', customerId: 'CUS-10001' },
  { message: 'Where is my order ORD-10002?' },
  { message: 'my mug arrived cracked, order ORD-10001' },
  { message: 'do you ship to australia?' },
];

const TRIVIAL = `id: trivial
nodes:
  - id: greet
    uses: core/template@^1
    with: { template: "Hi [[name]]", data: { name: "{{ inputs.message }}" } }
    next: remember
  - id: remember
    uses: core/set@^1
    with: { values: { seen: true } }
    next: done
  - id: done
    uses: core/end@^1
    with: { output: { reply: "{{ nodes.greet.text }}" } }
`;

/** Median of `runs` timings (ms) of each function, measured in turns so both see the same noise. */
function medians(fns: Array<() => unknown>, runs: number, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i]!.push(performance.now() - t0);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]!);
}

/** Parse + validate of the 1,000-node file (fast path, and forced through the Document) against YAML.parse. */
async function parseFigures(): Promise<Figure[]> {
  const text = largeWorkflowYaml(NODES);
  const manifests = new Map((await loadBuiltinPlugins()).map((p) => [p.manifest.id, p.manifest]));
  const options: ValidateOptions = {
    manifestFor: (uses) => manifests.get(parseUses(uses).id),
    workflowExists: () => true,
  };
  const checked = checkWorkflow(text, 'large.yaml', options);
  if (!checked.workflow || checked.problems.length > 0)
    throw new Error(`the generated workflow should check clean: ${JSON.stringify(checked.problems[0])}`);
  const [check, full, yaml] = medians(
    [
      () => checkWorkflow(text, 'large.yaml', options),
      () => checkWorkflow(text, 'large.yaml', options, { fastPath: false }),
      () => parse(text),
    ],
    11,
  );
  const size = `${NODES.toLocaleString('en')} nodes, ${Math.round(text.length / 1024)} KB`;
  const baseline = { name: 'YAML.parse of the same text', value: yaml! };
  return [
    { name: `parse + validate (${size})`, value: check!, unit: 'ms', target: '< 50 ms', baseline },
    { name: `  same, forced through the yaml Document`, value: full!, unit: 'ms', baseline },
  ];
}

/** Completed runs per second of `run`, cycling through `inputs`, one rate per round of `ms`. */
async function runsPerSecond(
  run: (input: unknown) => Promise<unknown>,
  inputs: unknown[],
  rounds: number,
  ms: number,
): Promise<number[]> {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let count = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) await run(inputs[count++ % inputs.length]);
    rates.push((count * 1000) / (performance.now() - t0));
  }
  return rates;
}

/** Runs/s of the customer-support example against a trivial 3-node workflow, same runner and engine. */
async function runFigures(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'flow-bench-'));
  try {
    await writeFile(join(dir, 'trivial.yaml'), TRIVIAL);
    const examples = await createExampleRunner();
    const trivial = await createExampleRunner({ dir, dataDir: join(examplesDir, 'data') });
    const ok = (name: string) => async (record: Promise<{ status: string; error?: { message: string } }>) => {
      const r = await record;
      if (r.status !== 'completed') throw new Error(`${name} run ${r.status}: ${r.error?.message}`);
    };
    const support = (input: unknown) => ok('customer-support')(examples.run('customer-support', input));
    const small = (input: unknown) => ok('trivial')(trivial.run('trivial', input));
    for (const input of MESSAGES) await support(input); // warm-up, and every message must succeed
    for (let i = 0; i < 50; i++) await small({ message: 'Ann' });
    const a: number[] = [];
    const b: number[] = [];
    // Alternate short rounds so both workflows see the same machine load.
    for (let round = 0; round < 5; round++) {
      a.push(...(await runsPerSecond(support, MESSAGES, 1, 250)));
      b.push(...(await runsPerSecond(small, [{ message: 'Ann' }], 1, 250)));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
    return [
      {
        name: 'customer-support runs (4 typical messages)',
        value: median(a),
        unit: 'runs/s',
        baseline: { name: 'trivial 3-node workflow', value: median(b) },
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Figures for bench/run.ts. */
export async function benchWorkflow(): Promise<Figure[]> {
  return [...(await parseFigures()), ...(await runFigures())];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of await benchWorkflow())
    console.log(
      `${f.name}: ${f.value.toFixed(2)} ${f.unit} (${f.baseline?.name}: ${f.baseline?.value.toFixed(2)})`,
    );
}
