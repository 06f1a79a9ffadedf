/** Attempts to escape the data-only language must fail with a clean expression error, never run code. */
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluator.ts';
import { ExpressionError } from './expression-error.ts';
import { evaluateTemplate } from './template.ts';

const scope = { inputs: { message: 'hi', list: [1] }, nodes: {}, vars: {}, run: { id: 'r' } };

const attacks = [
  "{{ constructor.constructor('return process')() }}",
  "{{ inputs.constructor.constructor('return process')() }}",
  "{{ inputs['constructor']['constructor']('return process')() }}",
  "{{ inputs['const' + 'ructor'] }}",
  '{{ inputs.__proto__ }}',
  "{{ inputs.list['__proto__'] }}",
  '{{ inputs.message.prototype }}',
  '{{ {__proto__: {polluted: 1}} }}',
  "{{ {'constructor': 1} }}",
  '{{ this }}',
  '{{ globalThis.process }}',
  '{{ process.env }}',
  "{{ require('fs') }}",
  "{{ import('fs') }}",
  '{{ eval("1") }}',
  '{{ Function("return 1")() }}',
  '{{ (() => 1)() }}',
  '{{ inputs.message.toString() }}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the attack is literally a JS template string
  '{{ `${process}` }}',
  '{{ x = 1 }}',
  "{{ json(inputs)['constructor'] }}",
];

describe('expression injection attempts', () => {
  it.each(attacks)('%s fails cleanly', (attack) => {
    let caught: unknown;
    try {
      evaluateTemplate(attack, scope);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).message).toMatch(/in (expression|template)/);
  });

  it('never pollutes Object.prototype', () => {
    for (const attack of attacks) {
      try {
        evaluateTemplate(attack, scope);
      } catch {
        // expected
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads prototype-looking keys only as own data', () => {
    const data = { inputs: JSON.parse('{"toString": "own value", "valueOf": 2}') };
    expect(evaluateExpression('inputs.toString + inputs.valueOf', data)).toBe('own value2');
    expect(evaluateExpression('inputs.message.length', scope)).toBe(2);
  });
});
