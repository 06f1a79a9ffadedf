/**
 * Golden tests for the example workflows: each fixture in golden/ gives inputs, the expected run
 * output and expected outputs of key nodes (subsets: only the fields written are compared). Every
 * case runs offline with a fresh runner, so generated ids (ORD-10009...) are the same every time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createExampleRunner, examplesDir } from './example-runner.ts';
import { expectGoldenRun, loadGoldenFixtures } from './golden-cases.ts';

interface RegistryEntry {
  id: string;
  file: string;
  category: string;
  tags: string[];
  triggers: string[];
}

const fixtures = loadGoldenFixtures();
const registry = (
  parse(readFileSync(join(examplesDir, 'registry.yaml'), 'utf8')) as { workflows: RegistryEntry[] }
).workflows;
const workflowFiles = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml') && f !== 'registry.yaml')
  .sort();

describe('example workflows', () => {
  it('are all listed in registry.yaml with the category, tags and triggers of their meta block', async () => {
    expect(registry.map((e) => e.file).sort()).toEqual(workflowFiles);
    const runner = await createExampleRunner();
    for (const entry of registry) {
      const workflow = await runner.loadValid(entry.file);
      expect(workflow.id, entry.file).toBe(entry.id);
      expect(workflow.meta, entry.file).toEqual({
        category: entry.category,
        tags: entry.tags,
        triggers: entry.triggers,
      });
    }
  });

  it.each(workflowFiles)(
    '%s loads without problems, declares its schema and lays out every node',
    async (file) => {
      const runner = await createExampleRunner();
      const loaded = await runner.load(file);
      expect(
        loaded.problems
          .filter((p) => p.severity === 'error')
          .map((p) => `${p.line}:${p.column} ${p.message}`),
      ).toEqual([]);
      const text = readFileSync(join(examplesDir, file), 'utf8');
      expect(
        text.startsWith('# yaml-language-server: $schema=../runtime/workflow/workflow.schema.json\n'),
      ).toBe(true);
      const workflow = loaded.workflow!;
      expect(workflow.name && workflow.description && workflow.version).toBeTruthy();
      expect(workflow.inputs?.message).toMatchObject({ type: 'string', required: true });
      expect(Object.keys(workflow.layout ?? {}).sort()).toEqual(workflow.nodes.map((n) => n.id).sort());
    },
  );

  it('have 2 to 4 golden cases each', () => {
    const counts = Object.fromEntries(fixtures.map((f) => [f.workflow, f.cases.length]));
    for (const entry of registry) {
      expect(counts[entry.id], `golden cases for ${entry.id}`).toBeGreaterThanOrEqual(2);
      expect(counts[entry.id], `golden cases for ${entry.id}`).toBeLessThanOrEqual(4);
    }
  });
});

for (const fixture of fixtures) {
  describe(`golden: ${fixture.workflow}`, () => {
    it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, golden) => {
      const runner = await createExampleRunner();
      const record = await runner.run(fixture.workflow, golden.input);
      expectGoldenRun(record, golden);
    });
  });
}
