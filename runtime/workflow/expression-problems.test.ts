import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './parse-workflow.ts';
import { validateWorkflow } from './validate-workflow.ts';

const problems = (text: string) =>
  validateWorkflow(parseWorkflow(text, 'x.yaml'))
    .filter((p) => p.code === 'expression' || p.code === 'unknown-node-reference')
    .map((p) => `${p.line}:${p.column} ${p.message}`);

describe('expressions are checked before the run', () => {
  it('names the line and column of a syntax error, in with: and in bare when:', () => {
    const text = [
      'id: x',
      'nodes:',
      '  - id: a',
      '    uses: core/set@^1',
      '    with: { values: { n: "{{ 1 + }}" } }',
      '    next:',
      '      - when: "inputs.n >"',
      '        to: b',
      '  - id: b',
      '    uses: core/end@^1',
    ].join('\n');
    const found = problems(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^5:26 .*expression \{\{ 1 \+ \}\}/);
    expect(found[1]).toMatch(/^7:15 /);
  });

  it('explains that nodes.some-id is a subtraction and how to write it', () => {
    const text = [
      'id: x',
      'nodes:',
      '  - id: look-up',
      '    uses: core/set@^1',
      '    with: { values: { n: 1 } }',
      '    next: b',
      '  - id: b',
      '    uses: core/end@^1',
      '    with: { output: { a: "{{ nodes.look-up.n }}", b: "{{ nodes[\'look-up\'].n }}", c: "{{ nodes.gone.n }}" } }',
    ].join('\n');
    expect(problems(text)).toEqual([
      "9:26 'nodes.look-up' reads as 'nodes.look' minus 'up'; write nodes['look-up']",
      "9:85 the expression reads nodes.gone, but there is no node 'gone'",
    ]);
  });

  it('accepts valid expressions and plain strings', () => {
    const text =
      'id: x\nnodes:\n  - id: a\n    uses: core/end@^1\n    with: { output: { r: "{{ upper(inputs.m) }} and {{ nodes.a }}", p: "plain" } }\n';
    expect(problems(text)).toEqual([]);
  });
});
