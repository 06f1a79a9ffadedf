import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { CrashQuarantine } from './crash-quarantine.ts';
import type { SandboxCall } from './sandbox-process.ts';

function call(tenantId: string, sha256: string): SandboxCall {
  const manifest = {
    id: 'acme/parser',
    version: '2.1.0',
    kind: 'node' as const,
    title: 'p',
    description: 'p',
  };
  return { manifest, sha256, source: '', config: {}, ctx: { tenantId, nodeId: 'parse' } as NodeContext };
}

describe('crash quarantine', () => {
  const minute = 60_000;
  const t0 = Date.UTC(2026, 0, 5, 9, 0);

  it('refuses after 3 crashes within the window until the cool-down ends', () => {
    const q = new CrashQuarantine({ crashes: 3, windowMs: 10 * minute, coolDownMs: 10 * minute });
    q.record(call('evil', 'a'), t0);
    q.record(call('evil', 'a'), t0 + minute);
    expect(q.refusal(call('evil', 'a'), t0 + minute)).toBeUndefined();
    q.record(call('evil', 'a'), t0 + 2 * minute);
    const refusal = q.refusal(call('evil', 'a'), t0 + 3 * minute);
    expect(refusal?.code).toBe('plugin-quarantined');
    expect(refusal?.message).toBe('acme/parser@2.1.0 crashed its sandbox 3 times; refused until 09:12 UTC');
    expect(refusal?.details).toMatchObject({ nodeId: 'parse', plugin: 'acme/parser' });
    expect(q.refusal(call('other', 'a'), t0 + 3 * minute)).toBeUndefined();
    expect(q.refusal(call('evil', 'b'), t0 + 3 * minute)).toBeUndefined();
    expect(q.refusal(call('evil', 'a'), t0 + 12 * minute)).toBeUndefined();
  });

  it('forgets crashes older than the window', () => {
    const q = new CrashQuarantine({ crashes: 3, windowMs: 10 * minute });
    q.record(call('evil', 'a'), t0);
    q.record(call('evil', 'a'), t0 + minute);
    q.record(call('evil', 'a'), t0 + 11 * minute);
    expect(q.refusal(call('evil', 'a'), t0 + 11 * minute)).toBeUndefined();
  });
});
