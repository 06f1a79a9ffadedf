import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDocument } from 'yaml';
import { loadBuiltinPlugins } from '../../plugins/load-builtins.ts';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { checkWorkflow } from './check-workflow.ts';
import { parseYamlFast } from './fast-yaml.ts';
import { createWorkflowLoader } from './load-workflow.ts';
import { parseWorkflow } from './parse-workflow.ts';
import type { ValidateOptions } from './validate-workflow.ts';

const examplesDir = join(import.meta.dirname, '../../workflows');
const manifests: Record<string, PluginManifest> = {
  'core/end': { id: 'core/end', version: '1.0.0', kind: 'node', title: 'End', description: 'End' },
  'core/search': {
    id: 'core/search',
    version: '1.0.0',
    kind: 'node',
    title: 'Search',
    description: 'Search',
    config: {
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 1 } },
      required: ['query'],
      additionalProperties: false,
    },
  },
};
const options: ValidateOptions = {
  manifestFor: (uses) => manifests[uses.split('@')[0]!],
  workflowExists: (ref) => ref === 'faq' || existsSync(join(examplesDir, `${ref}.yaml`)),
};

// The examples use the built-in plugins; with their manifests they check clean, so the models compare too.
beforeAll(async () => {
  for (const plugin of await loadBuiltinPlugins()) manifests[plugin.manifest.id] ??= plugin.manifest;
});

const BASE = `# a small support flow
id: support
inputs:
  message: { type: string, required: true }
nodes:
  - id: search
    uses: core/search@^1
    with: { query: "{{ inputs.message }}", limit: 3 }
    retry: { max: 2, backoff: 200ms }
    next:
      - when: "{{ len(output.hits) > 0 }}"
        to: answer
      - default: fallback
  - id: answer
    uses: core/end@^1
    with:
      output: "{{ nodes.search.hits[0] }}"
  - id: fallback
    uses: core/end
layout:
  search: { x: 0, y: 0 }
`;

/** Broken variants of BASE, one problem kind each (some are only warnings). */
const broken: Record<string, string> = {
  'unknown target': BASE.replace('to: answer', 'to: answr'),
  'unknown property': BASE.replace('    retry:', '    retries: 2\n    retry:'),
  'wrong type': BASE.replace('max: 2', 'max: "2"'),
  'duplicate id': BASE.replace('id: fallback', 'id: answer'),
  cycle: BASE.replace(
    '  - id: fallback\n    uses: core/end\n',
    '  - id: fallback\n    uses: core/end\n    next: search\n',
  ),
  'unreachable node (warning)': BASE.replace('      - default: fallback\n', ''),
  'unknown layout id (warning)': `${BASE}  ghost: { x: 1, y: 1 }\n`,
  'settings against the manifest': BASE.replace('limit: 3', 'limit: 0'),
  'unresolved plugin': BASE.replace('uses: core/end@^1', 'uses: acme/missing@^2'),
  'missing sub-workflow': BASE.replace(
    'uses: core/end\n',
    'uses: core/workflow@^1\n    with: { workflow: nope }\n',
  ),
  'default branch first': BASE.replace(
    '      - when: "{{ len(output.hits) > 0 }}"\n        to: answer\n      - default: fallback\n',
    '      - default: fallback\n      - when: "{{ len(output.hits) > 0 }}"\n        to: answer\n',
  ),
  'missing id': BASE.replace('  - id: answer\n    uses', '  - uses'),
  'duplicate key': BASE.replace('    uses: core/end\n', '    uses: core/end\n    uses: core/end@^1\n'),
  'YAML syntax': BASE.replace('limit: 3 }', 'limit: 3'),
  'tab indentation': BASE.replace('    uses: core/end\n', '\tuses: core/end\n'),
  'bad indentation': BASE.replace('    uses: core/end\n', '   uses: core/end\n'),
  'a list, not a mapping': '- id: a\n  uses: core/end\n',
};

const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

/** Checks `text` through the fast path and through the full path only. */
function bothWays(text: string) {
  return {
    fast: checkWorkflow(text, 'w.yaml', options),
    full: checkWorkflow(text, 'w.yaml', options, { fastPath: false }),
  };
}

describe('the fast path for clean files', () => {
  it('reports the same problems at the same lines and columns as the full parse, on broken files', () => {
    expect(checkWorkflow(BASE, 'w.yaml', options).problems).toEqual([]);
    for (const [name, text] of Object.entries(broken)) {
      const { fast, full } = bothWays(text);
      expect(full.problems.length, name).toBeGreaterThan(0);
      expect(fast.problems, name).toEqual(full.problems);
      expect(fast.workflow, name).toEqual(full.workflow);
    }
    // Problems found after a clean parse are located through the lazily built document.
    for (const name of ['unreachable node (warning)', 'settings against the manifest', 'cycle'])
      expect(parseYamlFast(broken[name]!, 64), name).toBeDefined();
  });

  it('points a problem found after a fast parse at its line', () => {
    const { problems } = checkWorkflow(broken['settings against the manifest']!, 'w.yaml', options);
    expect(problems).toMatchObject([{ code: 'config', line: 8, column: 51, path: '/nodes/0/with/limit' }]);
  });

  it('agrees with the full parse on example workflows with random edits', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 6 }),
      insert: fc.constantFrom(
        '',
        'x',
        '\n',
        ' ',
        '  ',
        ': ',
        '- ',
        '#',
        '"',
        '1',
        'id: a\n',
        '\n    next: x',
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(BASE, ...examples),
        fc.array(edit, { minLength: 1, maxLength: 2 }),
        (base, edits) => {
          let text = base;
          for (const { at, remove, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + remove);
          }
          const { fast, full } = bothWays(text);
          expect(fast.problems).toEqual(full.problems);
          expect(fast.workflow).toEqual(full.workflow);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('still offers the document and locations of a clean file, built when first asked for', () => {
    const parsed = parseWorkflow(BASE, 'w.yaml');
    const full = parseWorkflow(BASE, 'w.yaml', { fastPath: false });
    expect(parsed.workflow).toEqual(full.workflow);
    expect(parsed.locate(['nodes', 2, 'uses'])).toEqual(full.locate(['nodes', 2, 'uses']));
    expect(parsed.locate(['layout', 'search'], 'key')).toEqual({
      file: 'w.yaml',
      line: 21,
      column: 3,
      path: '/layout/search',
    });
    expect(isDocument(parsed.document)).toBe(true);
    expect(parsed.document.toJS()).toEqual(full.value);
  });

  it('loads every example the same way with and without the fast path', async () => {
    const files = new Map(readdirSync(examplesDir).map((f) => [f, join(examplesDir, f)]));
    const load = (fastPath: boolean) =>
      createWorkflowLoader({
        readFile: async (path) => readFileSync(files.get(path) ?? path, 'utf8'),
        parse: { fastPath },
        validate: options,
      });
    // registry.yaml lists the examples; it is not a workflow.
    for (const file of [...files.keys()].filter((f) => f.endsWith('.yaml') && f !== 'registry.yaml')) {
      const [fast, full] = await Promise.all([load(true).load(file), load(false).load(file)]);
      expect(full.workflow, file).toBeDefined();
      expect(fast.problems, file).toEqual(full.problems);
      expect(fast.workflow, file).toEqual(full.workflow);
    }
  });
});
