import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/start', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('start');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/start is interpreted by the engine');
  });

  it('outputs the run inputs with defaults', async () => {
    const record = await runTest(
      {
        id: 's',
        inputs: { lang: { type: 'string', default: 'en' } },
        nodes: [{ id: 'begin', uses: 'core/start@^1' }],
      },
      { message: 'hi' },
      { plugins: [plugin] },
    );
    expect(record.output).toEqual({ message: 'hi', lang: 'en' });
  });
});
