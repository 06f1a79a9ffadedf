/**
 * The golden fixtures of the example workflows (golden/*.golden.yaml) and the check a run must pass,
 * shared by the in-process golden test and the sandboxed one so both hold runs to the same outputs.
 * Test-only: the check uses vitest's `expect`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { RunRecord } from '../runtime/engine/types.ts';
import { examplesDir } from './example-runner.ts';

/** One case: inputs, the expected run output and outputs of key nodes (subsets: only written fields count). */
export interface GoldenCase {
  name: string;
  input: Record<string, unknown>;
  status?: string;
  output?: Record<string, unknown>;
  nodes?: Record<string, Record<string, unknown>>;
}

/** One fixture file: the workflow it runs and its cases. */
export interface GoldenFixture {
  file: string;
  workflow: string;
  cases: GoldenCase[];
}

/** Every fixture in workflows/golden, sorted by file name. */
export function loadGoldenFixtures(): GoldenFixture[] {
  const goldenDir = join(examplesDir, 'golden');
  return readdirSync(goldenDir)
    .filter((f) => f.endsWith('.golden.yaml'))
    .sort()
    .map((f) => ({
      file: f,
      ...(parse(readFileSync(join(goldenDir, f), 'utf8')) as { workflow: string; cases: GoldenCase[] }),
    }));
}

/** Asserts that a run produced what the golden case expects. */
export function expectGoldenRun(record: RunRecord, golden: GoldenCase): void {
  expect(record.error, 'run error').toBeUndefined();
  expect(record.status).toBe(golden.status ?? 'completed');
  if (golden.output) expect(record.output).toMatchObject(golden.output);
  for (const [nodeId, expected] of Object.entries(golden.nodes ?? {})) {
    const node = record.nodes[nodeId];
    expect(node, `node '${nodeId}' ran (ran: ${Object.keys(record.nodes).join(', ')})`).toBeDefined();
    expect(node!.output, `output of node '${nodeId}'`).toMatchObject(expected);
  }
}
