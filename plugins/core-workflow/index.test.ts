import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/workflow', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('workflow');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/workflow is interpreted by the engine');
  });

  it('runs the named workflow with its input and returns its output', async () => {
    const double = {
      id: 'double',
      inputs: { n: { type: 'number' as const, required: true } },
      nodes: [{ id: 'd', uses: 'test/echo', with: { n: '{{ inputs.n * 2 }}' } }],
    };
    const record = await runTest(
      {
        id: 'main',
        nodes: [{ id: 'call', uses: 'core/workflow', with: { workflow: 'double', input: { n: 21 } } }],
      },
      {},
      { workflows: [double] },
    );
    expect(record.output).toEqual({ n: 42 });
  });
});
