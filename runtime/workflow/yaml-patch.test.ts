import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdit, fallbackCount } from './apply-edits.ts';
import type { WorkflowEdit } from './edit.ts';
import { UserError } from './errors.ts';

const FAQ = `id: faq
nodes:
  - id: search
    uses: core/knowledge-search@^1
    next: answer
  - id: answer
    uses: core/end@^1
  - id: fallback
    uses: core/end@^1
`;

/** Applies `edit` and checks the precise patch (not the whole-value fallback) handled it. */
function edited(text: string, edit: WorkflowEdit): string {
  const before = fallbackCount();
  const out = applyEdit(text, edit);
  expect(fallbackCount()).toBe(before);
  return out;
}

describe('patching files in other styles', () => {
  it('keeps CRLF line breaks', () => {
    const crlf = FAQ.replace(/\n/g, '\r\n');
    const out = edited(crlf, {
      type: 'add-node',
      node: { id: 'x', uses: 'core/end@^1', with: { a: 1, b: [1, 2] } },
    });
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out.startsWith(crlf)).toBe(true);
    expect(parse(out).nodes[3]).toEqual({ id: 'x', uses: 'core/end@^1', with: { a: 1, b: [1, 2] } });
  });

  it('edits one line of a `|` prompt and keeps the block style', () => {
    const text =
      'id: t\nnodes:\n  - id: ask\n    uses: core/llm@^1\n    with:\n      prompt: |\n        Be brief.\n        # Context\n        {{ nodes.search.hits }}\n  - id: search\n    uses: core/x@^1\n';
    const out = applyEdit(text, { type: 'rename-node', from: 'search', to: 'find' });
    expect(out).toBe(
      text.replace('nodes.search.hits', 'nodes.find.hits').replace('- id: search', '- id: find'),
    );
  });

  it('follows a file that writes lists flush with their key and single quotes', () => {
    const text = "id: t\nnodes:\n- id: a\n  uses: 'core/x@^1'\n  next:\n  - when: '{{ x }}'\n    to: a\n";
    const out = applyEdit(text, {
      type: 'add-node',
      node: { id: 'b', uses: 'core/y@^1', next: [{ when: '{{ y }}', to: 'a' }] },
    });
    expect(out).toBe(`${text}- id: b\n  uses: core/y@^1\n  next:\n  - when: '{{ y }}'\n    to: a\n`);
  });

  it('adds to a file without a final newline', () => {
    const text = 'id: t\nnodes:\n  - id: a\n    uses: core/x@^1';
    expect(applyEdit(text, { type: 'move-node', id: 'a', x: 1, y: 2 })).toBe(
      `${text}\nlayout:\n  a: { x: 1, y: 2 }`,
    );
  });
});

describe('patching unusual files', () => {
  it('keeps a leading `---` and a trailing `...`', () => {
    const text = `---\n${FAQ}...\n`;
    expect(edited(text, { type: 'rename-node', from: 'answer', to: 'reply' })).toBe(
      text.replace('next: answer', 'next: reply').replace('- id: answer', '- id: reply'),
    );
  });

  it('replaces an alias by a plain value instead of changing the anchored one', () => {
    const text =
      'id: x\ndefaults: &d { timeout: 5s }\nnodes:\n  - id: a\n    uses: core/x@^1\n    with: *d\n';
    const out = edited(text, { type: 'set-node-field', id: 'a', path: ['with', 'timeout'], value: '1s' });
    expect(out).toBe(text.replace('with: *d', 'with: { timeout: 1s }'));
  });

  it('edits a node list written in flow style, and one that grows from `[]` in block style', () => {
    const flow = 'id: x\nnodes: [{id: a, uses: core/x@^1}, {id: b, uses: core/y}]\n';
    expect(edited(flow, { type: 'connect', from: 'a', to: 'b' })).toBe(
      flow.replace('core/x@^1}', 'core/x@^1, next: b}'),
    );
    const empty = 'id: x\nnodes: []\n';
    expect(edited(empty, { type: 'add-node', node: { id: 'a', uses: 'core/x@^1' } })).toBe(
      'id: x\nnodes:\n  - id: a\n    uses: core/x@^1\n',
    );
  });

  it('keeps a comment after `next:` when the list collapses, and moves a trailing comment onto a new `|` line', () => {
    const text =
      'id: x\nnodes:\n  - id: a\n    uses: core/x@^1\n    next: # where to\n      - when: "{{ y }}"\n        to: b\n      - default: a\n  - id: b\n    uses: core/y\n    timeout: 5s # why\n';
    expect(edited(text, { type: 'disconnect', from: 'a', to: 'b' })).toBe(
      text.replace('      - when: "{{ y }}"\n        to: b\n      - default: a\n', '      a\n'),
    );
    expect(edited(text, { type: 'set-node-field', id: 'b', path: ['timeout'], value: 'one\ntwo' })).toBe(
      text.replace('timeout: 5s # why', 'timeout: |- # why\n      one\n      two'),
    );
  });

  it('refuses a file whose top level is a flow map, with a clear message', () => {
    expect(() =>
      applyEdit('{id: x, nodes: []}\n', { type: 'set-field', path: ['name'], value: 'n' }),
    ).toThrow(UserError);
  });
});
