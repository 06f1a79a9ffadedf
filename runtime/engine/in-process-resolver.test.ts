import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { UserError } from '../workflow/errors.ts';
import { createInProcessResolver, parseUses } from './in-process-resolver.ts';
import { testPlugin } from './test-kit.ts';

const versions = ['1.0.0', '1.4.2', '2.0.0', '2.1.0-beta.1'].map((v) =>
  testPlugin('greet', () => `v${v}`, v),
);
const resolve = createInProcessResolver(versions);

describe('createInProcessResolver', () => {
  it('splits uses into id and range', () => {
    expect(parseUses('core/http-request@^1.2')).toEqual({ id: 'core/http-request', range: '^1.2' });
    expect(parseUses('core/x')).toEqual({ id: 'core/x', range: '*' });
  });

  it('picks the highest version satisfying the range', async () => {
    expect((await resolve('test/greet@^1')).manifest.version).toBe('1.4.2');
    expect((await resolve('test/greet@~1.0')).manifest.version).toBe('1.0.0');
    expect((await resolve('test/greet')).manifest.version).toBe('2.0.0');
    expect((await resolve('test/greet@2.0.0')).sha256).toBe('builtin:test/greet@2.0.0');
  });

  it('invokes the plugin run function', async () => {
    const plugin = await resolve('test/greet@^1');
    expect(await plugin.invoke({}, {} as NodeContext)).toBe('v1.4.2');
  });

  it('names the uses string and the available versions when nothing fits', async () => {
    expect(() => resolve('test/greet@^3')).toThrow(
      "plugin 'test/greet@^3' not found: no version of 'test/greet' satisfies '^3' (available: 1.0.0, 1.4.2, 2.0.0, 2.1.0-beta.1)",
    );
    expect(() => resolve('test/nope@^1')).toThrow(
      "plugin 'test/nope@^1' not found: no plugin 'test/nope' is available",
    );
    const error = (() => {
      try {
        resolve('test/greet@banana');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('plugin-not-found');
    expect((error as UserError).message).toContain("'banana' is not a semver range");
    expect(() => resolve('Test/Greet')).toThrow(
      "plugin 'Test/Greet' not found: 'Test/Greet' is not a plugin reference; expected scope/name@range",
    );
  });
});
