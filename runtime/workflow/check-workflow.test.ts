import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { checkWorkflow } from './check-workflow.ts';

const manifest: PluginManifest = {
  id: 'core/set',
  version: '1.0.0',
  kind: 'node',
  title: 'Set',
  description: 'Set values',
  config: { type: 'object', properties: { value: { type: 'number' } }, required: ['value'] },
};

describe('checkWorkflow on arbitrary input', () => {
  it('never throws and always locates its problems, whatever the shape of the file', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'Bad', '');
    const field = fc.oneof(fc.anything({ maxDepth: 3 }), id, fc.array(id, { maxLength: 3 }));
    const node = fc.record(
      {
        id,
        uses: fc.oneof(fc.constant('core/set'), fc.constant('core/workflow'), fc.anything({ maxDepth: 1 })),
        next: field,
        body: field,
        branches: field,
        onError: field,
        with: field,
        retry: field,
      },
      { requiredKeys: [] },
    );
    const workflow = fc.record(
      { id, start: field, nodes: fc.oneof(fc.array(node, { maxLength: 5 }), field), layout: field },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(workflow, (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const checked = checkWorkflow(text, 'w.yaml', {
          manifestFor: (u) => (u.startsWith('core/set') ? manifest : undefined),
          workflowExists: () => false,
        });
        for (const p of checked.problems) {
          expect(p.file).toBe('w.yaml');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (checked.workflow) expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const checked = checkWorkflow(text, 'w.yaml');
        expect(Array.isArray(checked.problems)).toBe(true);
        if (!checked.workflow) expect(checked.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
