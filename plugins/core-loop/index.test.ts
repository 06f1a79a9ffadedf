import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/loop', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('loop');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/loop is interpreted by the engine');
  });

  it('runs its body per item and outputs items and count', async () => {
    const record = await runTest(
      {
        id: 'l',
        nodes: [
          { id: 'each', uses: 'core/loop', with: { forEach: '{{ inputs.names }}' }, body: 'greet' },
          { id: 'greet', uses: 'test/echo', with: { text: 'Hi {{ item }} #{{ index + 1 }}' } },
        ],
      },
      { names: ['Ada', 'Bo'] },
    );
    expect(record.output).toEqual({ items: [{ text: 'Hi Ada #1' }, { text: 'Hi Bo #2' }], count: 2 });
  });
});
