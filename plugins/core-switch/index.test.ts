import { describe, expect, it } from 'vitest';
import { UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import sw from './index.ts';

const ctx = testContext({ nodeId: 'route' });

describe('core/switch', () => {
  it('takes the first matching case, ignoring case and spaces by default', async () => {
    const out = await sw.run({ value: ' Refund ', cases: ['delivery', 'refund', 'Refund'] }, ctx);
    expect(out).toEqual({ value: ' Refund ', branch: 'refund', matched: true });
  });

  it('takes the default branch when nothing matches', async () => {
    expect(await sw.run({ value: 'weather', cases: ['refund'] }, ctx)).toMatchObject({
      branch: 'default',
      matched: false,
    });
    expect(await sw.run({ value: undefined, cases: ['refund'] }, ctx)).toMatchObject({ branch: 'default' });
  });

  it('compares numbers and booleans by their written form', async () => {
    expect((await sw.run({ value: 2, cases: [1, 2, 3] }, ctx)).branch).toBe('2');
    expect((await sw.run({ value: true, cases: ['false', 'true'] }, ctx)).branch).toBe('true');
  });

  it('is exact when asked to be', async () => {
    expect((await sw.run({ value: 'Refund', cases: ['refund'], match: 'exact' }, ctx)).branch).toBe(
      'default',
    );
  });

  it('supports contains, startsWith and regex', async () => {
    expect(
      (await sw.run({ value: 'My parcel is late', cases: ['refund', 'late'], match: 'contains' }, ctx))
        .branch,
    ).toBe('late');
    expect(
      (await sw.run({ value: 'ORD-123', cases: ['CUS-', 'ord-'], match: 'startsWith' }, ctx)).branch,
    ).toBe('ord-');
    expect((await sw.run({ value: 'ORD-12345', cases: ['^ord-\\d+$'], match: 'regex' }, ctx)).branch).toBe(
      '^ord-\\d+$',
    );
  });

  it('says which regex is broken', async () => {
    await expect(async () =>
      sw.run({ value: 'x', cases: ['(unclosed'], match: 'regex' }, ctx),
    ).rejects.toThrow(UserError);
    await expect(async () =>
      sw.run({ value: 'x', cases: ['(unclosed'], match: 'regex' }, ctx),
    ).rejects.toThrow(/\(unclosed/);
  });

  it('reads its branches from the cases in config', () => {
    expect(sw.manifest.branches).toEqual({ fromConfig: 'cases', extra: ['default'] });
  });
});
