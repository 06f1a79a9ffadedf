import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluator.ts';
import { ExpressionError } from './expression-error.ts';

const scope = {
  inputs: {
    message: 'Hello',
    items: [
      { name: 'a', qty: 2 },
      { name: 'b', qty: 3 },
    ],
    'odd key': 7,
  },
  nodes: { classify: { intent: 'refund', scores: { refund: 0.9 } } },
  vars: { count: 2 },
  run: { id: 'run-1' },
  item: 'x',
  index: 0,
  output: { branch: 'yes' },
};
const run = (source: string, s: Record<string, unknown> = scope) => evaluateExpression(source, s);

function failure(source: string, s: Record<string, unknown> = scope): ExpressionError {
  try {
    run(source, s);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected '${source}' to fail`);
}

describe('evaluateExpression', () => {
  it('reads paths through dots, indexes and quoted keys', () => {
    expect(run('inputs.message')).toBe('Hello');
    expect(run('nodes.classify.intent')).toBe('refund');
    expect(run('inputs.items[1].name')).toBe('b');
    expect(run("inputs['odd key']")).toBe(7);
    expect(run("nodes['classify'].scores[nodes.classify.intent]")).toBe(0.9);
    expect(run('output.branch + item + index + run.id')).toBe('yesx0run-1');
    expect(run('inputs.items.length + inputs.message.length')).toBe(7);
    expect(run('inputs.message[0]')).toBe('H');
  });

  it('reads missing properties as null instead of failing', () => {
    expect(run('inputs.missing')).toBeUndefined();
    expect(run('inputs.missing.deeper[3]')).toBeUndefined();
    expect(run('inputs.items[9]')).toBeUndefined();
    expect(run('inputs.missing ?? "fallback"')).toBe('fallback');
  });

  it('names an unknown root and lists the known ones', () => {
    expect(failure('inptus.message').message).toContain(
      "unknown name 'inptus' (available: inputs, nodes, vars, run, item, index, output)",
    );
  });

  it('compares without type coercion and by content', () => {
    expect(run('1 == "1"')).toBe(false);
    expect(run('[1, {a: 2}] == [1, {a: 2}]')).toBe(true);
    expect(run('{a: 1} != {a: 2}')).toBe(true);
    expect(run('"b" > "a" && 2 >= 2 && 1 < 2 && 1 <= 0 == false')).toBe(true);
    expect(failure('1 < "2"').message).toContain("cannot compare number with text using '<'");
  });

  it('adds numbers, joins text, concatenates lists, and refuses the rest', () => {
    expect(run('1 + 2')).toBe(3);
    expect(run('"n=" + 2 + null')).toBe('n=2');
    expect(run('[1] + [2]')).toEqual([1, 2]);
    expect(failure('1 + null').message).toContain('cannot add number and null');
    expect(failure('"a" + inputs.items').message).toContain('use json() or join()');
    expect(failure('"a" * 2').message).toContain("'*' needs numbers, got text");
    expect(failure('1 / 0').message).toContain('division by zero');
    expect(run('7 % 4')).toBe(3);
  });

  it('evaluates in for text, lists and objects', () => {
    expect(run('"ell" in inputs.message')).toBe(true);
    expect(run('2 in [1, 2]')).toBe(true);
    expect(run('"refund" in nodes.classify.scores')).toBe(true);
    expect(run('"x" in inputs.missing')).toBe(false);
    expect(failure('1 in 2').message).toContain("'in' needs text, a list or an object");
  });

  it('short-circuits && || ?? and returns operand values', () => {
    expect(run('inputs.missing && inputs.missing.x')).toBeUndefined();
    expect(run('"" || "default"')).toBe('default');
    expect(run('0 ?? 5')).toBe(0);
    expect(run('true || 1 / 0')).toBe(true);
    expect(run('false && 1 / 0')).toBe(false);
    expect(run('1 ?? 1 / 0')).toBe(1);
    expect(run('true ? 1 : 1 / 0')).toBe(1);
  });

  it('never exposes functions found in the data', () => {
    const withFn = { inputs: { f: () => 'secret', o: { toString: () => 'x' } } };
    expect(run('inputs.f', withFn)).toBeUndefined();
    expect(run('inputs.o.toString', withFn)).toBeUndefined();
    expect(run('inputs.message.toUpperCase')).toBeUndefined();
    expect(run('inputs.hasOwnProperty')).toBeUndefined();
  });

  it('stops after the step limit and says so with the expression', () => {
    const long = Array.from({ length: 200 }, () => '1').join(' + ');
    const error = (() => {
      try {
        evaluateExpression(long, {}, { maxSteps: 100 });
      } catch (e) {
        return e as ExpressionError;
      }
    })();
    expect(error?.code).toBe('expression-limit');
    expect(error?.message).toMatch(/^more than 100 evaluation steps in expression \{\{ 1 \+ 1/);
    expect(evaluateExpression(long, {})).toBe(200);
  });

  it('limits the size of text and lists an expression builds', () => {
    const s = { inputs: { big: 'x'.repeat(600_000) } };
    expect(failure('inputs.big + inputs.big', s).message).toContain('text longer than 1000000 characters');
    const budget = (() => {
      try {
        evaluateExpression('[inputs.big + "a", inputs.big + "b"]', s, { maxResultBytes: 1_000_000 });
      } catch (e) {
        return e as ExpressionError;
      }
    })();
    expect(budget?.message).toContain('result larger than 1000000 bytes');
    expect(failure('join(split(inputs.big, ""), "--")', s).code).toBe('expression-limit');
  });
});
