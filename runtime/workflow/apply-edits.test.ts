import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdit, applyEdits, fallbackCount } from './apply-edits.ts';
import type { WorkflowEdit } from './edit.ts';
import { UserError } from './errors.ts';

const FAQ = `# yaml-language-server: $schema=../runtime/workflow/workflow.schema.json
id: faq
name: FAQ handling # shown in the studio
version: 1.0.0
inputs:
  message: { type: string, required: true }

nodes:
  # look the question up first
  - id: search
    uses: core/knowledge-search@^1
    with: { query: "{{ inputs.message }}", source: faq.json }
    next:
      - when: "{{ len(output.hits) > 0 }}"   # ordered branches, first match wins
        to: answer
      - on: none                           # \`on: x\` matches when output.branch == 'x'
        to: fallback
      - default: fallback

  - id: answer
    uses: core/end@^1
    with: { output: { reply: "{{ nodes.search.hits[0].answer }}" } }

  # when nothing matched
  - id: fallback
    uses: 'core/end@^1'
    timeout: 5s
    with:
      output:
        reply: Sorry, I do not know.

layout:
  search: { x: 0, y: 0 }
  answer: { x: 200, y: -80 }
  fallback: { x: 200, y: 80 }
`;

/** The original text with exactly these replacements (each must match once): the expected result reads as a diff. */
function changed(text: string, ...replacements: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of replacements) {
    expect(out.split(from).length - 1, `'${from}' should occur once`).toBe(1);
    out = out.replace(from, to);
  }
  return out;
}

function expectEdit(edit: WorkflowEdit, expected: string, text = FAQ): void {
  const before = fallbackCount();
  expect(applyEdit(text, edit)).toBe(expected);
  expect(fallbackCount(), 'the precise patch handled it').toBe(before);
}

describe('applyEdits on a commented workflow', () => {
  it('returns the very same text when there is nothing to apply', () => {
    expect(applyEdits(FAQ, [])).toBe(FAQ);
    expect(applyEdits('not: [valid', [])).toBe('not: [valid');
  });

  it('move-node changes only its layout line, rounded to integers', () => {
    expectEdit(
      { type: 'move-node', id: 'answer', x: 250.4, y: -79.6 },
      changed(FAQ, ['answer: { x: 200, y: -80 }', 'answer: { x: 250, y: -80 }']),
    );
  });

  it('move-node adds a layout entry, or a layout block at the end when there is none', () => {
    const noEntry = changed(FAQ, ['  fallback: { x: 200, y: 80 }\n', '']);
    expectEdit(
      { type: 'move-node', id: 'fallback', x: 1, y: 2 },
      changed(noEntry, [
        'answer: { x: 200, y: -80 }\n',
        'answer: { x: 200, y: -80 }\n  fallback: { x: 1, y: 2 }\n',
      ]),
      noEntry,
    );
    const noLayout = FAQ.slice(0, FAQ.indexOf('\nlayout:'));
    expectEdit(
      { type: 'move-node', id: 'search', x: 10, y: 20 },
      `${noLayout}\nlayout:\n  search: { x: 10, y: 20 }\n`,
      noLayout,
    );
  });

  it('set-node-field adds a key to a flow map on the same line', () => {
    expectEdit(
      { type: 'set-node-field', id: 'search', path: ['with', 'threshold'], value: 0.5 },
      changed(FAQ, ['source: faq.json }', 'source: faq.json, threshold: 0.5 }']),
    );
  });

  it('set-node-field changes a nested block value and keeps its quoting elsewhere', () => {
    expectEdit(
      {
        type: 'set-node-field',
        id: 'fallback',
        path: ['with', 'output', 'reply'],
        value: "Sorry, I don't know: ask a human.",
      },
      changed(FAQ, ['reply: Sorry, I do not know.', `reply: "Sorry, I don't know: ask a human."`]),
    );
    expectEdit(
      { type: 'set-node-field', id: 'fallback', path: ['uses'], value: 'core/end@^2' },
      changed(FAQ, ["uses: 'core/end@^1'", "uses: 'core/end@^2'"]),
    );
  });

  it('set-node-field with undefined deletes the key and its line only', () => {
    expectEdit(
      { type: 'set-node-field', id: 'fallback', path: ['timeout'], value: undefined },
      changed(FAQ, ['    timeout: 5s\n', '']),
    );
  });

  it('set-node-field adds a new field after the last one, in the style of its neighbour', () => {
    expectEdit(
      { type: 'set-node-field', id: 'answer', path: ['retry'], value: { max: 2, backoff: '1s' } },
      changed(FAQ, [
        'hits[0].answer }}" } }\n',
        'hits[0].answer }}" } }\n    retry: { max: 2, backoff: 1s }\n',
      ]),
    );
    expectEdit(
      { type: 'set-node-field', id: 'fallback', path: ['retry'], value: { max: 2 } },
      changed(FAQ, [
        'reply: Sorry, I do not know.\n',
        'reply: Sorry, I do not know.\n    retry:\n      max: 2\n',
      ]),
    );
  });

  it('set-field keeps the trailing comment and adds keys next to their siblings', () => {
    expectEdit(
      { type: 'set-field', path: ['name'], value: 'FAQ' },
      changed(FAQ, ['name: FAQ handling #', 'name: FAQ #']),
    );
    expectEdit(
      { type: 'set-field', path: ['inputs', 'lang'], value: { type: 'string' } },
      changed(FAQ, ['required: true }\n', 'required: true }\n  lang: { type: string }\n']),
    );
    expectEdit(
      { type: 'set-field', path: ['description'], value: 'Answers questions' },
      // A new top-level section goes in the schema's order: after name, before version.
      changed(FAQ, ['# shown in the studio\n', '# shown in the studio\ndescription: Answers questions\n']),
    );
  });

  it('rename-node rewrites the id, every edge, the layout key and expressions, nothing else', () => {
    const renamed = applyEdit(FAQ, { type: 'rename-node', from: 'fallback', to: 'sorry' });
    expect(renamed).toBe(
      changed(
        FAQ,
        ['        to: fallback', '        to: sorry'],
        ['- default: fallback', '- default: sorry'],
        ['- id: fallback', '- id: sorry'],
        ['  fallback: { x: 200', '  sorry: { x: 200'],
      ),
    );
    expectEdit(
      { type: 'rename-node', from: 'search', to: 'lookup' },
      changed(
        FAQ,
        ['- id: search', '- id: lookup'],
        ['nodes.search.hits', 'nodes.lookup.hits'],
        ['  search: { x: 0', '  lookup: { x: 0'],
      ),
    );
  });

  it('remove-node drops its lines, its layout entry and the edges to it; comments above it stay', () => {
    expectEdit(
      { type: 'remove-node', id: 'fallback' },
      changed(
        FAQ,
        [
          "      - on: none                           # `on: x` matches when output.branch == 'x'\n        to: fallback\n      - default: fallback\n",
          '',
        ],
        [
          "    uses: 'core/end@^1'\n    timeout: 5s\n    with:\n      output:\n        reply: Sorry, I do not know.\n",
          '',
        ],
        ['  - id: fallback\n', ''],
        ['  fallback: { x: 200, y: 80 }\n', ''],
      ),
    );
  });

  it('add-node inserts after a node with the blank-line rhythm of the list, and adds its layout', () => {
    const edit: WorkflowEdit = {
      type: 'add-node',
      node: { id: 'greet', uses: 'core/template@^1', with: { text: 'Hi {{ inputs.message }}' } },
      after: 'answer',
      position: { x: 100.6, y: 0 },
    };
    expectEdit(
      edit,
      changed(
        FAQ,
        [
          'answer }}" } }\n',
          'answer }}" } }\n\n  - id: greet\n    uses: core/template@^1\n    with:\n      text: Hi {{ inputs.message }}\n',
        ],
        ['fallback: { x: 200, y: 80 }\n', 'fallback: { x: 200, y: 80 }\n  greet: { x: 101, y: 0 }\n'],
      ),
    );
    const appended = applyEdit(FAQ, { type: 'add-node', node: { id: 'last', uses: 'core/end@^1' } });
    expect(appended).toBe(
      changed(FAQ, [
        'reply: Sorry, I do not know.\n',
        'reply: Sorry, I do not know.\n\n  - id: last\n    uses: core/end@^1\n',
      ]),
    );
  });

  it('connect adds `next: id`, turns a single next into a list, and replaces the default', () => {
    expectEdit(
      { type: 'connect', from: 'answer', to: 'fallback' },
      changed(FAQ, ['answer }}" } }\n', 'answer }}" } }\n    next: fallback\n']),
    );
    const single = applyEdit(FAQ, { type: 'connect', from: 'answer', to: 'fallback' });
    expectEdit(
      { type: 'connect', from: 'answer', to: 'search', when: '{{ output.retry }}', label: 'retry' },
      changed(single, [
        '    next: fallback\n',
        '    next:\n      - when: "{{ output.retry }}"\n        to: search\n        label: retry\n      - default: fallback\n',
      ]),
      single,
    );
    expectEdit(
      { type: 'connect', from: 'search', to: 'answer', on: 'maybe' },
      changed(FAQ, [
        '      - default: fallback\n',
        '      - on: maybe\n        to: answer\n      - default: fallback\n',
      ]),
    );
    expectEdit(
      { type: 'connect', from: 'search', to: 'answer', default: true },
      changed(FAQ, ['- default: fallback', '- default: answer']),
    );
  });

  it('disconnect removes the branches to a node and collapses a lone default back to `next: id`', () => {
    expectEdit(
      { type: 'disconnect', from: 'search', to: 'fallback' },
      changed(FAQ, [
        "      - on: none                           # `on: x` matches when output.branch == 'x'\n        to: fallback\n      - default: fallback\n",
        '',
      ]),
    );
    expectEdit(
      { type: 'disconnect', from: 'search', to: 'answer' },
      changed(FAQ, [
        '    next:\n      - when: "{{ len(output.hits) > 0 }}"   # ordered branches, first match wins\n        to: answer\n      - on: none ',
        '    next:\n      - on: none ',
      ]),
    );
    const twoBranches = applyEdits(FAQ, [
      { type: 'disconnect', from: 'search', to: 'answer' },
      { type: 'connect', from: 'search', to: 'answer', when: '{{ ok }}' },
    ]);
    const collapsed = applyEdit(twoBranches, { type: 'disconnect', from: 'search', to: 'answer' });
    expect(parse(collapsed).nodes[0].next).toEqual([{ on: 'none', to: 'fallback' }, { default: 'fallback' }]);
    const lone = applyEdit(collapsed, {
      type: 'set-node-field',
      id: 'search',
      path: ['next', 0],
      value: undefined,
    });
    expect(lone).toContain('  - id: search');
    const text = applyEdits(FAQ, [
      { type: 'connect', from: 'answer', to: 'search', on: 'again' },
      { type: 'connect', from: 'answer', to: 'fallback' },
    ]);
    expect(applyEdit(text, { type: 'disconnect', from: 'answer', to: 'search' })).toBe(
      changed(FAQ, ['answer }}" } }\n', 'answer }}" } }\n    next: fallback\n']),
    );
  });

  it('keeps comment lines of a branch list that collapses, just above `next:`', () => {
    const text = changed(FAQ, [
      "      - on: none                           # `on: x` matches when output.branch == 'x'\n        to: fallback\n",
      '      # otherwise say sorry\n',
    ]);
    const out = applyEdit(text, { type: 'disconnect', from: 'search', to: 'answer' });
    expect(out).toBe(
      changed(text, [
        '    next:\n      - when: "{{ len(output.hits) > 0 }}"   # ordered branches, first match wins\n        to: answer\n      # otherwise say sorry\n      - default: fallback\n',
        '    # otherwise say sorry\n    next: fallback\n',
      ]),
    );
  });
});

describe('edits that cannot apply', () => {
  const cases: Array<[WorkflowEdit, string]> = [
    [{ type: 'remove-node', id: 'nope' }, "remove-node: there is no node with id 'nope'"],
    [{ type: 'move-node', id: 'nope', x: 0, y: 0 }, "no node with id 'nope'"],
    [{ type: 'connect', from: 'search', to: 'nope' }, "no node with id 'nope' (to)"],
    [
      { type: 'add-node', node: { id: 'answer', uses: 'core/end@^1' } },
      "a node with id 'answer' already exists",
    ],
    [
      { type: 'add-node', node: { id: 'Nine Lives', uses: 'core/end@^1' } },
      "'Nine Lives' is not a valid node id",
    ],
    [{ type: 'rename-node', from: 'answer', to: 'search' }, "a node with id 'search' already exists"],
    [{ type: 'rename-node', from: 'answer', to: 'has space' }, "'has space' is not a valid node id"],
    [{ type: 'disconnect', from: 'answer', to: 'search' }, "no edge from 'answer' to 'search'"],
    [{ type: 'set-node-field', id: 'answer', path: ['id'], value: 'x' }, 'rename-node'],
    [{ type: 'set-node-field', id: 'answer', path: ['uses', 'x'], value: 1 }, 'holds a string'],
  ];
  it.each(cases)('%o is refused with a clear message', (edit, message) => {
    let error: unknown;
    try {
      applyEdit(FAQ, edit);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain(message);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(() => applyEdit('id: x\nnodes: [\n', { type: 'remove-node', id: 'a' })).toThrow(/line \d+/);
  });
});
