/**
 * The Workflow panel (the inspector when no node is selected): name, description, version and the
 * declared inputs and outputs. Every control writes `set-field` edits, so the YAML stays the truth.
 */
import { useEffect, useState } from 'react';
import type { FieldSpec, Workflow } from '../../runtime/workflow/types.ts';
import { Icon } from '../components/Icon.tsx';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import { selectWorkflow } from './selectors.ts';
import {
  addField,
  defaultText,
  FIELD_TYPES,
  type FieldsKey,
  fieldNameProblem,
  parseDefault,
  removeField,
  renameField,
  setFieldSpec,
} from './workflow-fields.ts';

/** The name of one field: renames on Enter or blur, refusing names that are taken or malformed. */
function FieldName({
  workflow,
  fieldsKey,
  name,
}: {
  workflow: Workflow;
  fieldsKey: FieldsKey;
  name: string;
}) {
  const store = useEditorStore();
  const [value, setValue] = useState(name);
  useEffect(() => setValue(name), [name]);
  const error = fieldNameProblem(workflow, fieldsKey, value, name);
  const commit = () => {
    if (value === name) return;
    if (error) return setValue(name);
    store.getState().dispatch(renameField(workflow, fieldsKey, name, value));
  };
  return (
    <>
      <input
        className="mono"
        aria-label={`Name of ${fieldsKey === 'inputs' ? 'input' : 'output'} ${name}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setValue(name);
        }}
        aria-invalid={!!error}
      />
      {error && <div className="field-error">{error}</div>}
    </>
  );
}

/** One declared field: name, type, required, description and default. */
function FieldRow(p: { workflow: Workflow; fieldsKey: FieldsKey; name: string; spec: FieldSpec }) {
  const store = useEditorStore();
  const { workflow, fieldsKey, name, spec } = p;
  const what = `${fieldsKey === 'inputs' ? 'input' : 'output'} ${name}`;
  const write = (next: FieldSpec, key?: string) =>
    store.getState().dispatch(setFieldSpec(fieldsKey, name, next), key);
  return (
    <div className="workflow-field" data-testid={`${fieldsKey}-${name}`}>
      <div className="workflow-field-head">
        <FieldName workflow={workflow} fieldsKey={fieldsKey} name={name} />
        <select
          aria-label={`Type of ${what}`}
          value={spec.type ?? ''}
          onChange={(e) => write({ ...spec, type: (e.target.value || undefined) as FieldSpec['type'] })}
        >
          <option value="">any</option>
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Remove ${what}`}
          onClick={() => store.getState().dispatch(removeField(workflow, fieldsKey, name))}
        >
          <Icon name="x" size={14} />
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={!!spec.required}
          onChange={(e) => write({ ...spec, required: e.target.checked })}
        />{' '}
        Required
      </label>
      <input
        aria-label={`Description of ${what}`}
        placeholder="Description"
        value={spec.description ?? ''}
        onChange={(e) =>
          write({ ...spec, description: e.target.value }, `field:${fieldsKey}:${name}:description`)
        }
      />
      {fieldsKey === 'inputs' && (
        <input
          aria-label={`Default of ${what}`}
          className="mono"
          placeholder="Default (none)"
          defaultValue={defaultText(spec.default)}
          key={`d-${name}-${defaultText(spec.default)}`}
          onBlur={(e) => write({ ...spec, default: parseDefault(e.target.value, spec.type) })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      )}
    </div>
  );
}

/** The inputs or outputs section. */
function FieldList({ workflow, fieldsKey }: { workflow: Workflow; fieldsKey: FieldsKey }) {
  const store = useEditorStore();
  const fields = Object.entries(workflow[fieldsKey] ?? {});
  const noun = fieldsKey === 'inputs' ? 'input' : 'output';
  return (
    <section aria-label={fieldsKey === 'inputs' ? 'Inputs' : 'Outputs'}>
      <h4>{fieldsKey === 'inputs' ? 'Inputs' : 'Outputs'}</h4>
      {fields.length === 0 && (
        <p className="muted small">
          {fieldsKey === 'inputs'
            ? 'No declared inputs: a run receives whatever JSON it is given.'
            : 'No declared outputs.'}
        </p>
      )}
      {fields.map(([name, spec]) => (
        <FieldRow key={name} workflow={workflow} fieldsKey={fieldsKey} name={name} spec={spec ?? {}} />
      ))}
      <button
        type="button"
        className="small-button"
        onClick={() => store.getState().dispatch(addField(workflow, fieldsKey))}
      >
        <Icon name="plus" size={12} /> Add {noun}
      </button>
    </section>
  );
}

/** The workflow's own settings. */
export function WorkflowPanel() {
  const store = useEditorStore();
  const workflow = useEditor(selectWorkflow);
  const set = (field: 'name' | 'description' | 'version', value: string) =>
    store.getState().dispatch(edit.setField([field], value || undefined), `workflow:${field}`);
  return (
    <aside className="inspector" aria-label="Workflow settings" data-testid="workflow-panel">
      <header className="inspector-head">
        <Icon name="workflow" size={18} />
        <div>
          <div className="inspector-title">Workflow</div>
          <div className="muted small mono">{workflow.id}</div>
        </div>
      </header>
      <p className="muted small">
        Select a node to configure it; these settings belong to the whole workflow.
      </p>
      <section>
        <div className="field">
          <label htmlFor="workflow-name">Name</label>
          <input
            id="workflow-name"
            value={workflow.name ?? ''}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="workflow-description">Description</label>
          <textarea
            id="workflow-description"
            rows={2}
            value={workflow.description ?? ''}
            onChange={(e) => set('description', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="workflow-version">Version</label>
          <input
            id="workflow-version"
            className="mono"
            placeholder="1.0.0"
            value={workflow.version ?? ''}
            onChange={(e) => set('version', e.target.value)}
          />
        </div>
      </section>
      <FieldList workflow={workflow} fieldsKey="inputs" />
      <FieldList workflow={workflow} fieldsKey="outputs" />
    </aside>
  );
}
