import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { largeWorkflowYaml } from '../../bench/large-workflow.ts';
import { parseYamlFast } from './fast-yaml.ts';
import { YAML_OPTIONS } from './parse-workflow.ts';

const examplesDir = join(import.meta.dirname, '../../workflows');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

/** What the yaml library makes of `text`: its plain value, and whether it complained at all. */
function library(text: string): { value: unknown; clean: boolean } {
  const doc = parseDocument(text, YAML_OPTIONS);
  const clean = doc.errors.length === 0 && doc.warnings.length === 0;
  return { value: clean ? doc.toJS() : undefined, clean };
}

/** The fast reader either gives up or reads exactly what the library reads from a file it accepts. */
function expectAgreement(text: string): void {
  const fast = parseYamlFast(text, 64);
  if (fast === undefined) return;
  const lib = library(text);
  expect(lib.clean, `the library complains about a file the fast reader accepted:\n${text}`).toBe(true);
  expect(fast).toStrictEqual(lib.value);
}

describe('parseYamlFast', () => {
  it('reads every example workflow and the 1,000-node benchmark file exactly as the yaml library does', () => {
    for (const text of [...examples, largeWorkflowYaml()]) {
      const fast = parseYamlFast(text, 64);
      expect(fast).toBeDefined();
      expect(fast).toStrictEqual(library(text).value);
    }
  });

  it('resolves scalars as the core schema does and keeps quoted text as text', () => {
    const text = [
      'n: 12',
      'neg: -3',
      'hex: 0x1F',
      'oct: 0o17',
      'f: 1.5e3',
      'inf: -.inf',
      'nan: .NaN',
      'yes: True',
      'nul: ~',
      'empty:',
      'on: off',
      'ver: 1.0.0',
      'q: "12"',
      "s: 'it''s'",
      'esc: "tab\\there \\u00e9 \\x41 \\/ \\"q\\""',
      'url: https://example.com/a?b=c#frag',
      'hash: a#b # comment',
      'flow: { a: 1, b: [true, null, "x, y"], c: { d: -e } }',
      'folded: >-',
      '  one',
      '  two',
      '',
      '  three',
      'literal: |',
      '  line 1',
      '    indented',
      'seq:',
      '- a',
      '- k: v',
      '  j: w',
      '-',
      '  - nested',
    ].join('\n');
    expect(parseYamlFast(text, 64)).toBeDefined();
    expectAgreement(text);
  });

  it('gives up on what it does not handle, so the library reports it', () => {
    const unsupported = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: b\n  continued\n',
      'a: "multi\n  line"\n',
      'a: [1,\n  2]\n',
      'a: 1\na: 2\n',
      '"quoted key": 1\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: -\n',
      'a: b: c\n',
      'a: >+\n  x\n',
      'a: |2\n   x\n',
      'a: >\n  x\n    more\n',
      '<<: { b: 1 }\n',
      '1: one\n',
      'null: x\n',
      '__proto__: x\n',
      'a: [x, ]\n',
      'a: { b }\n',
      '- a\n',
      '  a: 1\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: 1 # x\n  # deeper comment\n',
      `a: ${'['.repeat(70)}${']'.repeat(70)}\n`,
    ];
    for (const text of unsupported) expect(parseYamlFast(text, 64), text).toBeUndefined();
  });

  it('agrees with the library on workflow files with random edits', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.array(
        fc.constantFrom(...' -:#"\'\n{}[],>|&*!x1.~\t\\'.split(''), '  ', '\n  ', ': ', '- '),
        {
          maxLength: 3,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (base, edits) => {
          let text = base;
          for (const { at, remove, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert.join('') + text.slice(i + remove);
          }
          expectAgreement(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with the library on values the yaml library writes, in block and flow style', () => {
    const word = fc.constantFrom(
      'a',
      'x y',
      '12',
      '0x1',
      'true',
      'null',
      '~',
      '-',
      'a: b',
      '#c',
      "it's",
      '"q"',
      '.5',
      'é',
      '',
    );
    const key = fc.constantFrom('id', 'uses', 'with', 'next', 'x-y', 'a.b', '$k', 'to');
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        word,
        fc.integer(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }),
        fc.nat({ max: 3 }),
        (doc, flowLevel) => {
          const text = stringify(doc, {
            flowCollectionPadding: flowLevel % 2 === 0,
            indentSeq: flowLevel > 1,
          });
          expectAgreement(text);
          // A one-line flow collection as the value of a top-level key.
          expectAgreement(`root: ${stringify(doc, { collectionStyle: 'flow', lineWidth: 0 })}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
