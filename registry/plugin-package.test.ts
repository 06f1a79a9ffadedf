import { describe, expect, it } from 'vitest';
import { createPluginPackage, verifyPluginPackage } from './plugin-package.ts';

const manifest = {
  id: 'acme/echo',
  version: '1.0.0',
  kind: 'node',
  title: 'Echo',
  description: 'Returns its config',
};
const source = 'export default { manifest: {}, run: (c) => c };';

describe('plugin packages', () => {
  it('are addressed by content, independent of manifest key order', () => {
    const a = createPluginPackage(manifest, source);
    const b = createPluginPackage(
      { description: 'Returns its config', title: 'Echo', kind: 'node', version: '1.0.0', id: 'acme/echo' },
      source,
    );
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(createPluginPackage(manifest, `${source}\n`).sha256).not.toBe(a.sha256);
    expect(
      createPluginPackage({ ...manifest, permissions: { net: ['evil.example'] } }, source).sha256,
    ).not.toBe(a.sha256);
  });
  it('refuses invalid manifests with every problem named', () => {
    expect(() => createPluginPackage({ ...manifest, id: 'NoScope', kind: 'gadget' }, source)).toThrow(
      /manifest\/id: must match pattern.*manifest\/kind: must be equal to one of the allowed values/,
    );
  });
  it('refuses a package whose claimed hash does not match', () => {
    expect(() => verifyPluginPackage({ manifest, source, sha256: 'a'.repeat(64) })).toThrow(
      /does not match its content/,
    );
  });
});
