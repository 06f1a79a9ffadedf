/**
 * The edits behind the Workflow panel: a workflow's declared `inputs:` and `outputs:` (name, type,
 * required, description, default), each written as one `set-field` edit so only its lines change.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { FieldSpec, Workflow } from '../../runtime/workflow/types.ts';
import { edit } from './edits.ts';

/** Which list of fields: what a run receives, or what it returns. */
export type FieldsKey = 'inputs' | 'outputs';

/** The types a field may declare (the schema's list). */
export const FIELD_TYPES: ReadonlyArray<NonNullable<FieldSpec['type']>> = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
];

/** Field names must work inside `{{ inputs.<name> }}`, as the workflow schema requires. */
export const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be used for a field of `key` (renaming `current`), or undefined when it can. */
export function fieldNameProblem(
  workflow: Workflow,
  key: FieldsKey,
  name: string,
  current?: string,
): string | undefined {
  if (name === current) return undefined;
  if (!FIELD_NAME_PATTERN.test(name)) return 'Use letters, digits and _, starting with a letter';
  if (workflow[key]?.[name]) return `'${name}' is already declared`;
  return undefined;
}

/** The spec as it should be written: no empty description, no `required: false`, no unset keys. */
export function cleanSpec(spec: FieldSpec): FieldSpec {
  const out: FieldSpec = {};
  for (const [k, v] of Object.entries(spec) as Array<[keyof FieldSpec, unknown]>) {
    if (v === undefined || (k === 'description' && v === '') || (k === 'required' && v === false)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The edit that writes field `name`'s spec (after cleaning). */
export function setFieldSpec(key: FieldsKey, name: string, spec: FieldSpec): WorkflowEdit {
  return edit.setField([key, name], cleanSpec(spec));
}

/** A free name like `input1`, `input2`... for a new field. */
export function newFieldName(workflow: Workflow, key: FieldsKey): string {
  const stem = key === 'inputs' ? 'input' : 'output';
  let n = 1;
  while (workflow[key]?.[`${stem}${n}`]) n++;
  return `${stem}${n}`;
}

/** The edit that declares a new text field with a free name. */
export function addField(workflow: Workflow, key: FieldsKey): WorkflowEdit {
  return edit.setField([key, newFieldName(workflow, key)], { type: 'string' });
}

/** The edit that removes field `name`; removing the last one removes the whole `inputs:` block. */
export function removeField(workflow: Workflow, key: FieldsKey, name: string): WorkflowEdit {
  const names = Object.keys(workflow[key] ?? {});
  return names.length <= 1 && names[0] === name
    ? edit.setField([key], undefined)
    : edit.setField([key, name], undefined);
}

/** The edit that renames field `from` to `to`, keeping its place among the others. */
export function renameField(workflow: Workflow, key: FieldsKey, from: string, to: string): WorkflowEdit {
  const fields = workflow[key] ?? {};
  const renamed: Record<string, FieldSpec> = {};
  for (const [name, spec] of Object.entries(fields)) renamed[name === from ? to : name] = spec;
  return edit.setField([key], renamed);
}

/** Reads a default typed in the panel as the field's type: `3` is a number for a number field. */
export function parseDefault(text: string, type: FieldSpec['type']): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (type === 'number' || type === 'integer') return Number.isNaN(Number(t)) ? text : Number(t);
  if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : text;
  if (type === 'object' || type === 'array') {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

/** How a default shows in the panel: text as is, anything else as JSON. */
export function defaultText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The empty value of each field type, for a sample input (only ever serialised, never shared). */
const EMPTY_VALUE: Record<NonNullable<FieldSpec['type']>, unknown> = {
  string: '',
  number: 0,
  integer: 0,
  boolean: false,
  object: {},
  array: [],
};

/** A run input built from the declared inputs: each default, or an empty value of its type. */
export function sampleInput(inputs: Record<string, FieldSpec> | undefined): string {
  const out: Record<string, unknown> = {};
  // An unknown type (the file may not validate yet) gets empty text, like an untyped field.
  for (const [k, spec] of Object.entries(inputs ?? {}))
    out[k] = spec.default ?? EMPTY_VALUE[spec.type ?? 'string'] ?? '';
  return JSON.stringify(out, null, 2);
}
