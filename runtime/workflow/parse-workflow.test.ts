import { describe, expect, it } from 'vitest';
import { MAX_WORKFLOW_BYTES, parseWorkflow } from './parse-workflow.ts';

const FAQ = `# yaml-language-server: $schema=./workflow.schema.json
id: faq
name: FAQ handling
version: 1.0.0
inputs:
  message: { type: string, required: true }
nodes:
  - id: search
    uses: core/knowledge-search@^1
    with: { query: "{{ inputs.message }}", source: faq.json }
    timeout: 5s
    retry: { max: 2, backoff: 200ms }
    next:
      - when: "{{ len(output.hits) > 0 }}"
        to: answer
      - on: none
        to: fallback
      - default: fallback
  - id: answer
    uses: core/end@^1
  - id: fallback
    uses: core/end
layout:
  search: { x: 0, y: 0 }
`;

const codes = (text: string) => parseWorkflow(text, 'w.yaml').problems.map((p) => p.code);

describe('parseWorkflow', () => {
  it('reads a valid workflow into the model with no problems', () => {
    const parsed = parseWorkflow(FAQ, 'faq.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.workflow?.id).toBe('faq');
    expect(parsed.workflow?.nodes.map((n) => n.id)).toEqual(['search', 'answer', 'fallback']);
    expect(parsed.workflow?.nodes[0]?.next).toHaveLength(3);
    expect(parsed.overlay).toBeUndefined();
  });

  it('says what was expected for a wrong type, at the line and column of the value', () => {
    const text = FAQ.replace('retry: { max: 2, backoff: 200ms }', 'retry: { max: "two", backoff: 200ms }');
    const { problems, workflow } = parseWorkflow(text, 'faq.yaml');
    expect(workflow).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'faq.yaml',
        line: 12,
        column: 19,
        path: '/nodes/0/retry/max',
        code: 'schema',
        message: "/nodes/0/retry/max: expected integer, got string 'two'",
        severity: 'error',
      },
    ]);
  });

  it('reports every schema problem at once, with readable expectations', () => {
    const text = `id: Bad Id
version: 1.0
nodes:
  - id: a
    uses: http-request
    timeout: 5 seconds
    onError: abort
    nxt: b
`;
    const messages = parseWorkflow(text, 'w.yaml').problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^1:5 \/id: expected an id of lowercase letters.*got string 'Bad Id'$/),
      expect.stringMatching(
        /^2:10 \/version: expected a semantic version like '1.0.0' \(quote it in YAML\), got number 1$/,
      ),
      "8:5 /nodes/0/nxt: unknown property 'nxt'; expected one of: id, uses, name, description, with, next, timeout, retry, onError, circuitBreaker, body, branches, disabled",
      expect.stringMatching(/^5:11 \/nodes\/0\/uses: expected a plugin reference 'scope\/name'/),
      expect.stringMatching(/^6:14 \/nodes\/0\/timeout: expected a duration: .*got string '5 seconds'$/),
      `7:14 /nodes/0/onError: expected "fail" or "continue", got string 'abort'`,
    ]);
  });

  it('points a missing required property at the mapping that lacks it', () => {
    const { problems } = parseWorkflow('id: x\nnodes:\n  - id: a\n    name: A\n', 'w.yaml');
    expect(problems).toMatchObject([
      { line: 3, column: 5, path: '/nodes/0', message: "/nodes/0: missing required property 'uses'" },
    ]);
  });

  it('reports all YAML syntax errors with their positions', () => {
    const { problems, workflow } = parseWorkflow('id: x\nnodes: [a, b\nname: "unterminated\n', 'w.yaml');
    expect(workflow).toBeUndefined();
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.code === 'yaml-syntax' && p.line >= 1 && p.column >= 1)).toBe(true);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/YAML syntax:/);
  });

  it('refuses duplicate keys and names the key', () => {
    const { problems } = parseWorkflow(
      'id: x\nnodes:\n  - id: a\n    uses: core/end\n    uses: core/set\n',
      'w.yaml',
    );
    expect(problems).toMatchObject([
      {
        code: 'duplicate-key',
        line: 5,
        column: 5,
        path: '/nodes/0/uses',
        message: expect.stringContaining("duplicate key 'uses'"),
      },
    ]);
  });

  it('finds a duplicate among 50,000 keys of one mapping (the library check would be quadratic)', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const text = `id: x\nnodes: [{ id: a, uses: core/end }]\nmeta:\n${keys}\n  k7: again\n`;
    expect(parseWorkflow(text, 'w.yaml').problems).toMatchObject([
      {
        code: 'duplicate-key',
        line: 50_004,
        column: 3,
        path: '/meta/k7',
        message: expect.stringContaining("duplicate key 'k7'"),
      },
    ]);
  });

  it('keeps YAML warnings as warnings and still returns the workflow', () => {
    const parsed = parseWorkflow(
      'id: x\nmeta: { when: !weird today }\nnodes: [{ id: a, uses: core/end }]\n',
      'w.yaml',
    );
    expect(parsed.problems).toMatchObject([{ severity: 'warning', code: 'yaml-syntax', line: 2 }]);
    expect(parsed.workflow?.id).toBe('x');
  });

  it('refuses a file with several YAML documents', () => {
    const { problems } = parseWorkflow('id: x\nnodes: [{ id: a, uses: core/end }]\n---\nid: y\n', 'w.yaml');
    expect(problems).toMatchObject([
      { code: 'multiple-documents', line: 3, message: expect.stringContaining('found 2') },
    ]);
  });

  it('refuses a root that is not a mapping, and an empty file', () => {
    expect(parseWorkflow('- a\n- b\n', 'w.yaml').problems).toMatchObject([
      { code: 'not-a-mapping', message: expect.stringContaining('got a list') },
    ]);
    expect(parseWorkflow('just text', 'w.yaml').problems).toMatchObject([
      { code: 'not-a-mapping', message: expect.stringContaining('got a single value') },
    ]);
    expect(codes('')).toEqual(['not-a-mapping']);
    expect(codes('# only a comment\n')).toEqual(['not-a-mapping']);
  });

  it('lets a host choose a smaller size limit', () => {
    expect(
      parseWorkflow(`id: x\nname: ${'y'.repeat(2000)}\n`, 'w.yaml', { maxBytes: 1024 }).problems,
    ).toMatchObject([
      { code: 'too-large', message: 'file is larger than 1 KB; expected a workflow file under 1 KB' },
    ]);
  });

  it('refuses a file over 10 MB before parsing it', () => {
    const text = `id: big\nmeta: { blob: "${'x'.repeat(MAX_WORKFLOW_BYTES)}" }\n`;
    const parsed = parseWorkflow(text, 'big.yaml');
    expect(parsed.problems).toMatchObject([{ code: 'too-large', file: 'big.yaml', line: 1, column: 1 }]);
    expect(parsed.problems[0]!.message).toContain('10 MB');
  });

  it('counts bytes, not characters, against the size limit', () => {
    const emoji = '😀'.repeat(MAX_WORKFLOW_BYTES / 4 + 1); // 4 bytes each in UTF-8, 2 UTF-16 units
    expect(codes(`id: x\nmeta: { s: "${emoji}" }\n`)).toEqual(['too-large']);
  });

  it('refuses 1000 levels of flow nesting', () => {
    const text = `id: x\nmeta: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    expect(codes(text)).toEqual(['too-deep']);
  });

  it('refuses 1000 levels of block nesting', () => {
    const lines = ['id: x', 'meta:'];
    for (let i = 1; i <= 1000; i++) lines.push(`${'  '.repeat(i)}k${i}:`);
    expect(codes(`${lines.join('\n')} 1\n`)).toEqual(['too-deep']);
  });

  it('refuses nesting just past the limit with the line of the deep value', () => {
    const text = `id: x\nnodes: []\nmeta: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    const { problems } = parseWorkflow(text, 'w.yaml');
    expect(problems).toMatchObject([{ code: 'too-deep', line: 3, path: expect.stringMatching(/^\/meta/) }]);
  });

  it('refuses millions of open brackets without building the syntax tree', () => {
    expect(codes(`id: x\nmeta: ${'['.repeat(5_000_000)}`)).toEqual(['too-deep']);
    expect(codes(`id: x\nmeta: ${'{a: '.repeat(2_000_000)}`)).toEqual(['too-deep']);
    expect(codes(`- ${'- '.repeat(3_000_000)}x`)).toEqual(['too-deep']);
  });

  it('accepts a large but flat file that needs the exact nesting scan', () => {
    const items = Array.from({ length: 7_000 }, (_, i) => `    - { n: ${i}, tags: [a, b] }`).join('\n');
    const text = `id: x\nnodes: [{ id: a, uses: core/end }]\nmeta:\n  items:\n${items}\n`;
    const parsed = parseWorkflow(text, 'w.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.workflow?.meta?.items).toHaveLength(7_000);
  });

  it('refuses a billion-laughs alias bomb', () => {
    const lol = [
      'id: x',
      'nodes: [{ id: a, uses: core/end }]',
      'meta:',
      '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
      ['i', 'h'],
    ]) {
      lol.push(`  ${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { problems } = parseWorkflow(`${lol.join('\n')}\n`, 'w.yaml');
    expect(problems).toMatchObject([{ code: 'too-many-aliases', line: 5 }]);
  });

  it('allows a few anchors and merge keys for shared settings, and locates merged values', () => {
    const text = `id: x
meta:
  defaults: &retry { max: "3" }
nodes:
  - id: a
    uses: core/end
    retry:
      <<: *retry
`;
    const { problems } = parseWorkflow(text, 'w.yaml');
    expect(problems).toMatchObject([
      {
        path: '/nodes/0/retry/max',
        line: 3,
        column: 27,
        message: expect.stringContaining('expected integer'),
      },
    ]);
  });

  it('parses an overlay document against the overlay form of the schema', () => {
    const text = `overlay: customer-support
operations:
  - insert: { id: audit, uses: core/log@^1 }
    after: classify
  - patch: classify
    with: { threshold: 0.8 }
  - remove: smalltalk
  - frobnicate: x
`;
    const parsed = parseWorkflow(text, 'acme.yaml');
    expect(parsed.problems).toMatchObject([
      {
        code: 'schema',
        line: 8,
        column: 5,
        path: '/operations/3/frobnicate',
        message: expect.stringContaining('exactly one of: insert, replace, remove'),
      },
    ]);
    const ok = parseWorkflow(text.replace('  - frobnicate: x\n', ''), 'acme.yaml');
    expect(ok.problems).toEqual([]);
    expect(ok.overlay?.operations).toHaveLength(3);
    expect(ok.workflow).toBeUndefined();
  });

  it('checks branch lists: a default entry has only default, a branch needs to', () => {
    const text =
      'id: x\nnodes:\n  - id: a\n    uses: core/end\n    next:\n      - default: b\n        to: c\n      - when: "{{ x }}"\n';
    const messages = parseWorkflow(text, 'w.yaml').problems.map((p) => p.message);
    expect(messages).toEqual([
      "/nodes/0/next/0/to: unknown property 'to'; expected one of: default",
      "/nodes/0/next/1: missing required property 'to'",
    ]);
  });
});
