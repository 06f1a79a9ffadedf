import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import { UserError } from './errors.ts';

describe('parseDuration', () => {
  it('reads numbers as milliseconds and strings with units', () => {
    expect(parseDuration(500)).toBe(500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration(' 10s ')).toBe(10_000);
  });

  it('refuses anything else with a message that says what is accepted', () => {
    for (const bad of [
      '5 seconds',
      '5x',
      '',
      's',
      '-5s',
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      true,
      {},
    ]) {
      expect(() => parseDuration(bad)).toThrow(UserError);
    }
    expect(() => parseDuration('5 seconds')).toThrow(
      /invalid duration '5 seconds'; expected .*'500ms', '5s', '2m', '1h'/,
    );
    expect(() => parseDuration('500')).toThrow(/add a unit: '500ms'/);
  });

  it('carries a stable error code', () => {
    try {
      parseDuration('soon');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).code).toBe('invalid-duration');
      expect((error as UserError).status).toBe(400);
    }
  });
});
