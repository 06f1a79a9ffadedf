import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/fakes/node-context.ts';
import condition from './index.ts';

const ctx = testContext({ nodeId: 'check' });

describe('core/condition', () => {
  it.each([
    [true, 'true'],
    [1, 'true'],
    ['yes', 'true'],
    [[1], 'true'],
    [{ a: 1 }, 'true'],
    [false, 'false'],
    [0, 'false'],
    ['', 'false'],
    ['false', 'false'],
    [' No ', 'false'],
    [null, 'false'],
    [[], 'false'],
    [{}, 'false'],
  ])('reads %j as branch %s', async (value, branch) => {
    const output = await condition.run({ if: value }, ctx);
    expect(output.branch).toBe(branch);
    expect(output.result).toBe(branch === 'true');
  });

  it('swaps the branches when negated', async () => {
    expect(await condition.run({ if: 'found', negate: true }, ctx)).toEqual({
      result: false,
      branch: 'false',
    });
    expect(await condition.run({ if: 0, negate: true }, ctx)).toEqual({ result: true, branch: 'true' });
  });

  it('declares the two branches the studio draws', () => {
    expect(condition.manifest.branches).toEqual(['true', 'false']);
  });
});
