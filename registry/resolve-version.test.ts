import { describe, expect, it } from 'vitest';
import { parseUses, resolveVersion } from './resolve-version.ts';

describe('resolveVersion', () => {
  it('picks the highest installed version in range', () => {
    expect(resolveVersion('acme/crm@^1.2', ['1.1.0', '1.2.0', '1.9.3', '2.0.0'])).toBe('1.9.3');
    expect(resolveVersion('acme/crm', ['1.0.0', '2.0.0'])).toBe('2.0.0');
  });
  it('names the installed versions when nothing matches', () => {
    expect(() => resolveVersion('acme/crm@^3', ['1.0.0', '2.0.0'])).toThrow(
      /no version of acme\/crm satisfies '\^3' \(installed: 1.0.0, 2.0.0\)/,
    );
    expect(() => resolveVersion('acme/crm@^3', [])).toThrow(/not installed/);
  });
  it('rejects malformed references', () => {
    expect(() => parseUses('Acme CRM')).toThrow(/expected scope\/name@range/);
    expect(() => parseUses('acme/crm@not a range!')).toThrow(/not a semver range/);
  });
});
