import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluator.ts';
import { ExpressionError } from './expression-error.ts';
import { compileTemplate, evaluateTemplate } from './template.ts';

const scope = { inputs: { name: 'Ada', tags: ['a', 'b'], n: 3, none: null }, nodes: {} };

describe('evaluateTemplate', () => {
  it('keeps the raw value when the string is exactly one expression', () => {
    expect(evaluateTemplate('{{ inputs.tags }}', scope)).toEqual(['a', 'b']);
    expect(evaluateTemplate('  {{inputs.n}}\n', scope)).toBe(3);
    expect(evaluateTemplate('{{ inputs.none }}', scope)).toBeNull();
  });

  it('interpolates mixed text: objects as JSON, null as empty', () => {
    expect(evaluateTemplate('Hi {{ inputs.name }}, n={{ inputs.n }}', scope)).toBe('Hi Ada, n=3');
    expect(evaluateTemplate('tags: {{ inputs.tags }}', scope)).toBe('tags: ["a","b"]');
    expect(evaluateTemplate('[{{ inputs.none }}]', scope)).toBe('[]');
    expect(evaluateTemplate('{{ 1 }}{{ 2 }}', scope)).toBe('12');
  });

  it('walks objects and lists and leaves other values alone', () => {
    const value = { a: ['{{ inputs.n * 2 }}', 'plain', 1, true, null], b: { c: '{{ upper(inputs.name) }}' } };
    expect(evaluateTemplate(value, scope)).toEqual({ a: [6, 'plain', 1, true, null], b: { c: 'ADA' } });
    expect(value.a[0]).toBe('{{ inputs.n * 2 }}');
  });

  it('returns static parts without copying them', () => {
    const config = { big: { list: [1, 2, 3] }, name: '{{ inputs.name }}' };
    const out = evaluateTemplate(config, scope) as typeof config;
    expect(out.big).toBe(config.big);
    expect(compileTemplate({ x: 1 }).isStatic).toBe(true);
  });

  it('finds the closing braces past strings and object literals', () => {
    expect(evaluateTemplate("{{ '}}' }}", scope)).toBe('}}');
    expect(evaluateTemplate('{{ {a: {b: inputs.n}} }}', scope)).toEqual({ a: { b: 3 } });
    expect(evaluateTemplate('x{{ {a: 1}.a }}y', scope)).toBe('x1y');
  });

  it('reports syntax errors with the column in the whole string', () => {
    try {
      evaluateTemplate('Hello {{ inputs.name + }}', scope);
      throw new Error('should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).column).toBe(24);
      expect((error as Error).message).toContain('unexpected end of expression at column 24');
    }
    expect(() => evaluateTemplate('Hello {{ inputs.name', scope)).toThrow(
      "'{{' is never closed with '}}' at column 7",
    );
  });

  it('lets evaluateExpression take a bare or a wrapped expression', () => {
    expect(evaluateExpression('inputs.n > 2', scope)).toBe(true);
    expect(evaluateExpression('{{ inputs.n > 2 }}', scope)).toBe(true);
    expect(evaluateExpression('n is {{ inputs.n }}', scope)).toBe('n is 3');
  });
});
