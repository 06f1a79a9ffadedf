import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/end', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('end');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/end is interpreted by the engine');
  });

  it('makes with.output the run output and stops the flow', async () => {
    const record = await runTest(
      {
        id: 'e',
        nodes: [
          { id: 'a', uses: 'test/echo', with: { n: 2 }, next: 'end' },
          { id: 'end', uses: 'core/end', with: { output: { double: '{{ nodes.a.n * 2 }}' } }, next: 'more' },
          { id: 'more', uses: 'test/fail' },
        ],
      },
      {},
      { plugins: [plugin] },
    );
    expect(record.output).toEqual({ double: 4 });
    expect(record.nodes.more).toBeUndefined();
  });

  it("returns the previous node's output when it has no output setting", async () => {
    const record = await runTest({
      id: 'e',
      nodes: [
        { id: 'a', uses: 'test/echo', with: { n: 1 }, next: 'end' },
        { id: 'end', uses: 'core/end' },
      ],
    });
    expect(record.output).toEqual({ n: 1 });
  });
});
