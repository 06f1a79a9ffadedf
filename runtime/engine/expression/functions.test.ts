import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluator.ts';
import { ExpressionError } from './expression-error.ts';

const scope = { inputs: { text: '  Hello World  ', list: [3, 1, 2], obj: { a: 1, b: 2 }, csv: 'a,b,c' } };
const run = (source: string) => evaluateExpression(source, scope);

describe('expression functions', () => {
  it('measures and changes text', () => {
    expect(run('len(inputs.text)')).toBe(15);
    expect(run('len(inputs.list) + len(inputs.obj) + len(inputs.none)')).toBe(5);
    expect(run('lower(trim(inputs.text))')).toBe('hello world');
    expect(run('upper("abc")')).toBe('ABC');
    expect(run('replace("a.b.c", ".", "-")')).toBe('a-b-c');
    expect(run('replace("a+b", "+", "$&")')).toBe('a$&b');
    expect(run('startsWith(trim(inputs.text), "Hell") && endsWith("file.pdf", ".pdf")')).toBe(true);
  });

  it('looks inside text, lists and objects', () => {
    expect(run('contains(inputs.text, "World")')).toBe(true);
    expect(run('contains(inputs.list, 2)')).toBe(true);
    expect(run('includes([{x: 1}], {x: 1})')).toBe(true);
    expect(run('contains(inputs.obj, "b")')).toBe(true);
    expect(run('contains(null, "b")')).toBe(false);
  });

  it('splits, joins, slices and concatenates', () => {
    expect(run('split(inputs.csv, ",")')).toEqual(['a', 'b', 'c']);
    expect(run('join(inputs.list, " | ")')).toBe('3 | 1 | 2');
    expect(run('join([1, {a: 1}, null])')).toBe('1,{"a":1},');
    expect(run('slice(inputs.list, 1)')).toEqual([1, 2]);
    expect(run('slice("abcdef", 1, 3)')).toBe('bc');
    expect(run('concat(inputs.list, [4], 5)')).toEqual([3, 1, 2, 4, 5]);
    expect(run('concat("a", 1, null)')).toBe('a1');
    expect(run('first(inputs.list) + last(inputs.list)')).toBe(5);
    expect(run('first([])')).toBeUndefined();
  });

  it('works with objects and JSON', () => {
    expect(run('keys(inputs.obj)')).toEqual(['a', 'b']);
    expect(run('values(inputs.obj)')).toEqual([1, 2]);
    expect(run('json(inputs.obj)')).toBe('{"a":1,"b":2}');
    expect(run('json([1], 2)')).toBe('[\n  1\n]');
  });

  it('converts and computes numbers', () => {
    expect(run('number("42.5") + 1')).toBe(43.5);
    expect(run('number("abc")')).toBeNull();
    expect(run('number("")')).toBeNull();
    expect(run('string(12) + string({a: 1})')).toBe('12{"a":1}');
    expect(run('round(2.345, 2)')).toBe(2.35);
    expect(run('round(2.5)')).toBe(3);
    expect(run('min(inputs.list)')).toBe(1);
    expect(run('max(4, 9, 2)')).toBe(9);
    expect(run('max([])')).toBeNull();
    expect(run('sum(inputs.list)')).toBe(6);
  });

  it('falls back with default() for null and empty text only', () => {
    expect(run('default(inputs.none, "x")')).toBe('x');
    expect(run('default("", "x")')).toBe('x');
    expect(run('default(0, "x")')).toBe(0);
    expect(run('default(false, "x")')).toBe(false);
  });

  it('gives the current time as ISO text', () => {
    const value = run('now()') as string;
    expect(new Date(value).toISOString()).toBe(value);
  });

  it('names the function when its arguments are wrong', () => {
    const error = (() => {
      try {
        run('sum([1, "two"])');
      } catch (e) {
        return e as ExpressionError;
      }
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error?.message).toBe(
      'sum(): expected a number, got text at column 1 in expression {{ sum([1, "two"]) }}',
    );
    expect(() => run('lower({a: 1})')).toThrow('lower(): expected text, got object');
    expect(() => run('len(5)')).toThrow('cannot take the length of number');
  });
});
