import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../runtime/workflow/apply-edits.ts';
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import { parseWorkflow } from '../../runtime/workflow/parse-workflow.ts';
import type { Workflow } from '../../runtime/workflow/types.ts';
import { expressionScope } from './expression-scope.ts';
import {
  addField,
  cleanSpec,
  fieldNameProblem,
  parseDefault,
  removeField,
  renameField,
  sampleInput,
  setFieldSpec,
} from './workflow-fields.ts';

const text = `id: faq
name: FAQ # shown in the list
inputs:
  message: { type: string, required: true }
  locale: { type: string, default: en }
nodes:
  - id: start
    uses: core/start@^1
`;
const workflowOf = (yaml: string): Workflow => parseWorkflow(yaml, 'faq.yaml').workflow!;
const apply = (...edits: WorkflowEdit[]) => applyEdits(text, edits);

describe('workflow inputs and outputs', () => {
  it('adds an input with a free name, keeping the other lines', () => {
    const after = apply(addField(workflowOf(text), 'inputs'));
    expect(workflowOf(after).inputs).toEqual({
      message: { type: 'string', required: true },
      locale: { type: 'string', default: 'en' },
      input1: { type: 'string' },
    });
    expect(after).toContain('name: FAQ # shown in the list');
    expect(after).toContain('  message: { type: string, required: true }');
  });

  it('writes a spec without empty descriptions or required: false', () => {
    const spec = cleanSpec({ type: 'number', required: false, description: '', default: 3 });
    expect(spec).toEqual({ type: 'number', default: 3 });
    const after = apply(setFieldSpec('inputs', 'locale', { type: 'string', description: 'Reply language' }));
    expect(workflowOf(after).inputs?.locale).toEqual({ type: 'string', description: 'Reply language' });
  });

  it('renames an input in place and refuses taken or malformed names', () => {
    const wf = workflowOf(text);
    const after = apply(renameField(wf, 'inputs', 'message', 'question'));
    expect(Object.keys(workflowOf(after).inputs ?? {})).toEqual(['question', 'locale']);
    expect(fieldNameProblem(wf, 'inputs', 'locale', 'message')).toMatch(/already declared/);
    expect(fieldNameProblem(wf, 'inputs', '2nd', 'message')).toMatch(/starting with a letter/);
    expect(fieldNameProblem(wf, 'inputs', 'message', 'message')).toBeUndefined();
  });

  it('removes an input, and the whole block with the last one', () => {
    const one = apply(removeField(workflowOf(text), 'inputs', 'locale'));
    expect(workflowOf(one).inputs).toEqual({ message: { type: 'string', required: true } });
    const none = applyEdits(one, [removeField(workflowOf(one), 'inputs', 'message')]);
    expect(none).not.toContain('inputs');
    expect(workflowOf(none).nodes).toHaveLength(1);
  });

  it('declares outputs under outputs:', () => {
    const after = apply(addField(workflowOf(text), 'outputs'));
    expect(workflowOf(after).outputs).toEqual({ output1: { type: 'string' } });
  });

  it('reads defaults as the field type', () => {
    expect(parseDefault('3', 'integer')).toBe(3);
    expect(parseDefault('false', 'boolean')).toBe(false);
    expect(parseDefault('[1, 2]', 'array')).toEqual([1, 2]);
    expect(parseDefault('007', 'string')).toBe('007');
    expect(parseDefault('  ', 'string')).toBeUndefined();
  });

  it('offers a new input to expression autocomplete', () => {
    const after = apply(addField(workflowOf(text), 'inputs'));
    const labels = expressionScope(workflowOf(after), 'start', new Map()).map((e) => e.label);
    expect(labels).toContain('inputs.input1');
  });

  it('builds the test input from the declared inputs', () => {
    expect(JSON.parse(sampleInput(workflowOf(text).inputs))).toEqual({ message: '', locale: 'en' });
    expect(
      JSON.parse(sampleInput({ n: { type: 'number' }, ok: { type: 'boolean' }, l: { type: 'array' } })),
    ).toEqual({ n: 0, ok: false, l: [] });
  });
});
