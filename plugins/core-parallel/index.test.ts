import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/parallel', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('parallel');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/parallel is interpreted by the engine');
  });

  it('runs its branches and joins their outputs by branch id', async () => {
    const record = await runTest({
      id: 'p',
      nodes: [
        { id: 'both', uses: 'core/parallel', branches: ['faq', 'orders'] },
        { id: 'faq', uses: 'test/echo', with: { hits: 1 } },
        { id: 'orders', uses: 'test/sleep', with: { ms: 1, value: 'rows' } },
      ],
    });
    expect(record.output).toEqual({ faq: { hits: 1 }, orders: { slept: 1, value: 'rows' } });
  });
});
