import { describe, expect, it } from 'vitest';
import { parseUntrustedJson } from './safe-json.ts';

describe('parseUntrustedJson', () => {
  it('drops __proto__ keys, plain or escaped, so merging the value cannot change a prototype', () => {
    for (const text of [
      '{"a":1,"__proto__":{"polluted":true}}',
      '{"a":1,"\\u005f_proto__":{"polluted":true}}',
    ]) {
      const value = parseUntrustedJson(text) as Record<string, unknown>;
      expect(Object.keys(value)).toEqual(['a']);
      const merged = Object.assign({}, value);
      expect((merged as { polluted?: boolean }).polluted).toBeUndefined();
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });

  it('reads ordinary JSON unchanged and empty text as undefined', () => {
    expect(parseUntrustedJson('{"constructor":"x","list":[1,{"b":null}]}')).toEqual({
      constructor: 'x',
      list: [1, { b: null }],
    });
    expect(parseUntrustedJson('')).toBeUndefined();
  });
});
