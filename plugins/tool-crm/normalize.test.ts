import { describe, expect, it } from 'vitest';
import { emailKey, nameSimilarity, phoneKey } from './normalize.ts';

describe('contact normalisation', () => {
  it('treats case, +tags and Gmail dots as the same address', () => {
    expect(emailKey(' Ada.Lovelace+shop@GMail.com ')).toBe(emailKey('adalovelace@googlemail.com'));
    expect(emailKey('ada+x@example.com')).toBe('ada@example.com');
    expect(emailKey('a.da@example.com')).not.toBe(emailKey('ada@example.com'));
  });

  it('matches a phone with or without country code, spaces and trunk zero', () => {
    expect(phoneKey('+44 7911 123456')).toBe(phoneKey('07911-123456'));
    expect(phoneKey('0044 (7911) 123 456')).toBe('911123456');
    expect(phoneKey('12-34')).toBeUndefined();
  });

  it('scores name variants the way a person would', () => {
    expect(nameSimilarity('Smith, John', 'john smith')).toBe(1);
    expect(nameSimilarity('José Álvarez', 'Jose Alvarez')).toBe(1);
    expect(nameSimilarity('Jon Smith', 'John Smith')).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity('John Smith', 'Jane Doe')).toBeLessThan(0.3);
  });
});
