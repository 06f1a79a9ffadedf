import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { controlManifestProblems, runTest } from '../../runtime/engine/test-kit.ts';
import plugin from './index.ts';

describe('core/set', () => {
  it('has a complete Flow manifest', () => {
    expect(controlManifestProblems(plugin)).toEqual([]);
    expect(plugin.manifest.control).toBe('set');
  });

  it('refuses to run outside the engine', () => {
    expect(() => plugin.run({}, {} as NodeContext)).toThrow('core/set is interpreted by the engine');
  });

  it('stores values in vars, overwriting earlier ones, and outputs what it stored', async () => {
    const record = await runTest({
      id: 'v',
      nodes: [
        {
          id: 'one',
          uses: 'core/set',
          with: { values: { attempts: '{{ default(vars.attempts, 0) + 1 }}', lang: 'en' } },
          next: 'two',
        },
        {
          id: 'two',
          uses: 'core/set',
          with: { values: { attempts: '{{ vars.attempts + 1 }}' } },
          next: 'show',
        },
        { id: 'show', uses: 'test/echo', with: { vars: '{{ vars }}', two: '{{ nodes.two }}' } },
      ],
    });
    expect(record.output).toEqual({ vars: { attempts: 2, lang: 'en' }, two: { attempts: 2 } });
  });

  it('fails clearly without values', async () => {
    const record = await runTest({ id: 'v', nodes: [{ id: 's', uses: 'core/set', with: { values: 'x' } }] });
    expect(record.error?.message).toBe(
      "node 's': with.values must be an object of names and values, got text",
    );
  });
});
