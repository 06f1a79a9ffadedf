import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluator.ts';
import { ExpressionError } from './expression-error.ts';
import { parseExpression } from './parser.ts';

const run = (source: string, scope: Record<string, unknown> = {}) => evaluateExpression(source, scope);

function syntaxError(source: string): ExpressionError {
  try {
    parseExpression(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected '${source}' not to parse`);
}

describe('parseExpression', () => {
  it('follows the usual operator precedence', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('2 * 3 % 4')).toBe(2);
    expect(run('1 + 1 == 2 && 3 > 2')).toBe(true);
    expect(run('false || true && false')).toBe(false);
    expect(run('-2 * 3')).toBe(-6);
    expect(run('!true == false')).toBe(true);
  });

  it('parses ?: right-associatively and below ??', () => {
    expect(run('true ? 1 : false ? 2 : 3')).toBe(1);
    expect(run('false ? 1 : false ? 2 : 3')).toBe(3);
    expect(run('null ?? false ? "a" : "b"')).toBe('b');
  });

  it('reads literals: numbers, both quote styles with escapes, lists and objects with trailing commas', () => {
    expect(run('1.5e2')).toBe(150);
    expect(run('.5')).toBe(0.5);
    expect(run(`'it\\'s' + "\\"q\\"\\n" + '\\u00e9'`)).toBe(`it's"q"\né`);
    expect(run('[1, "two", [3],]')).toEqual([1, 'two', [3]]);
    expect(run(`{a: 1, 'b c': {d: [true, null]},}`)).toEqual({ a: 1, 'b c': { d: [true, null] } });
  });

  it('reports the column of a syntax error', () => {
    expect(syntaxError('a + ').message).toBe(
      'unexpected end of expression at column 5 in expression {{ a + }}',
    );
    expect(syntaxError('a b').column).toBe(3);
    expect(syntaxError('(1 + 2').message).toContain("expected ')'");
    expect(syntaxError('x = 1').message).toContain("use '==' to compare");
    expect(syntaxError("'open").message).toContain('unterminated string at column 1');
    expect(syntaxError('a & b').message).toContain("use '&&'");
    expect(syntaxError('').message).toContain('empty expression');
  });

  it('only allows whitelisted functions with the right number of arguments', () => {
    expect(syntaxError('eval("1")').message).toContain("unknown function 'eval'");
    expect(syntaxError('len()').message).toContain('len() takes 1 argument(s), got 0');
    expect(syntaxError('replace("a")').message).toContain('takes 3 argument(s)');
    expect(syntaxError('inputs.fn(1)').message).toContain('only built-in functions can be called');
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'('.repeat(70)}1${')'.repeat(70)}`;
    const error = syntaxError(deep);
    expect(error.code).toBe('expression-limit');
    expect(error.message).toContain('nesting deeper than 64 levels');
    expect(run(`${'('.repeat(30)}1${')'.repeat(30)}`)).toBe(1);
  });

  it('caches parses of the same text', () => {
    expect(parseExpression('a.b + 1')).toBe(parseExpression('a.b + 1'));
  });
});
