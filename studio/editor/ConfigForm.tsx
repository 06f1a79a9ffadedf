/**
 * The node's `with:` block as a form generated from its manifest's config schema (@rjsf), with
 * inline validation. Each changed field becomes one set-node-field edit; typing in one field is
 * one undo step.
 */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020.js';
import { useMemo } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';
import { ExpressionInput } from './ExpressionInput.tsx';
import { useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import type { ScopeEntry } from './expression-scope.ts';

const validator = customizeValidator({ AjvClass: Ajv2020 as never, ajvOptionsOverrides: { strict: false } });

type Context = { scope: ScopeEntry[] };

/** Text fields accept expressions, with completion of names in scope. */
function ExpressionWidget(props: WidgetProps) {
  const scope = (props.registry.formContext as Context | undefined)?.scope ?? [];
  return (
    <ExpressionInput
      id={props.id}
      value={props.value === undefined || props.value === null ? '' : String(props.value)}
      onChange={(v) => props.onChange(v === '' ? props.options.emptyValue : v)}
      onBlur={() => props.onBlur(props.id, props.value)}
      scope={scope}
      placeholder={
        props.placeholder || (props.schema.default !== undefined ? String(props.schema.default) : '')
      }
    />
  );
}

/** Code fields get a JavaScript editor. */
function CodeWidget(props: WidgetProps) {
  const scope = (props.registry.formContext as Context | undefined)?.scope ?? [];
  return (
    <ExpressionInput
      id={props.id}
      value={props.value ?? ''}
      onChange={(v) => props.onChange(v)}
      scope={scope}
      language="javascript"
      minHeight="160px"
    />
  );
}

const widgets = { TextWidget: ExpressionWidget, TextareaWidget: ExpressionWidget, CodeWidget };

/** Marks code fields: `with.code` of core/code, or any string field declared as JavaScript. */
function uiSchemaFor(manifest: PluginManifest, schema: RJSFSchema): UiSchema {
  const ui: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, prop] of Object.entries(props)) {
    const isCode =
      (manifest.id === 'core/code' && key === 'code') ||
      prop.format === 'code' ||
      prop.contentMediaType === 'text/javascript' ||
      prop['x-code'] === true;
    if (isCode) ui[key] = { 'ui:widget': 'CodeWidget' };
  }
  return ui;
}

/**
 * The schema the form renders: untyped fields (`if:` takes any value) are shown as expression text
 * while their value is text, since that is how builders write them.
 */
function formSchema(manifest: PluginManifest, values: Record<string, unknown>): RJSFSchema {
  const { $schema: _ignored, ...rest } = (manifest.config ?? {
    type: 'object',
    properties: {},
  }) as RJSFSchema;
  const properties: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(
    (rest.properties ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    properties[key] =
      prop.type || prop.enum || prop.const || prop.oneOf || prop.anyOf || prop.$ref
        ? prop
        : untypedField(prop, values[key]);
  }
  return { title: '', ...rest, properties } as RJSFSchema;
}

/** A type for an untyped field, from its value (or default): text, or a map of texts. */
function untypedField(prop: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const sample = value ?? prop.default;
  if (sample === undefined || typeof sample === 'string') return { ...prop, type: 'string' };
  if (sample && typeof sample === 'object' && !Array.isArray(sample))
    return { ...prop, type: 'object', additionalProperties: { type: 'string' } };
  return prop;
}

function propDefault(schema: RJSFSchema, key: string): unknown {
  return ((schema.properties ?? {}) as Record<string, { default?: unknown }>)[key]?.default;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The config form of `node`. */
export function ConfigForm({
  node,
  manifest,
  scope,
}: {
  node: WorkflowNode;
  manifest: PluginManifest;
  scope: ScopeEntry[];
}) {
  const store = useEditorStore();
  const current = node.with ?? {};
  // Rebuild the schema only when a value's type changes, not on every keystroke.
  const types = Object.entries(current)
    .map(([k, v]) => `${k}:${typeof v}`)
    .join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `types` stands for `current` here.
  const schema = useMemo(() => formSchema(manifest, current), [manifest, types]);
  const uiSchema = useMemo(() => uiSchemaFor(manifest, schema), [manifest, schema]);
  const formContext = useMemo(() => ({ scope }), [scope]);

  const onChange = (data: { formData?: Record<string, unknown> }, fieldId?: string) => {
    // rjsf also reports changes it makes itself (defaults on mount); only the user's edits count.
    if (!fieldId) return;
    const next = data.formData ?? {};
    const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
    const edits = [...keys]
      .filter((k) => !same(current[k], next[k]))
      // rjsf fills in schema defaults; writing them would touch lines the builder did not change.
      .filter((k) => k in current || (next[k] !== undefined && !same(next[k], propDefault(schema, k))))
      .map((k) => edit.setNodeField(node.id, ['with', k], next[k]));
    if (edits.length) store.getState().dispatch(edits, `with:${node.id}:${fieldId}`);
  };

  return (
    <Form
      className="config-form"
      schema={schema}
      uiSchema={uiSchema}
      formData={current}
      validator={validator}
      widgets={widgets}
      formContext={formContext}
      onChange={onChange}
      liveValidate="onChange"
      showErrorList={false}
      noHtml5Validate
      idPrefix={`cfg-${node.id}`}
    />
  );
}
