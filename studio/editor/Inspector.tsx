/**
 * The inspector of the selected node: id (rename), title, config form from the manifest, a loop's
 * body or a parallel node's branches, runtime settings, the node's problems, and what it did in the
 * run being shown. With nothing selected it shows the workflow's own settings.
 */
import { useEffect, useMemo, useState } from 'react';
import { NODE_ID_PATTERN } from '../../runtime/workflow/edit-ids.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';
import { Icon } from '../components/Icon.tsx';
import { problemsByNode } from './canvas-graph.ts';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import { expressionScope } from './expression-scope.ts';
import { LazyConfigForm, LazyNextEditor } from './lazy-parts.ts';
import { NodeRunDetails } from './NodeRunDetails.tsx';
import { NodeSettings } from './NodeSettings.tsx';
import { StructureEditor } from './StructureEditor.tsx';
import { selectManifests, selectProblems, selectRun, selectSelection, selectWorkflow } from './selectors.ts';
import { WorkflowPanel } from './WorkflowPanel.tsx';
import { manifestFor } from './workflow-graph.ts';

const ID_PATTERN = NODE_ID_PATTERN;

/** The id field: renames on Enter or blur, refusing ids that are taken or malformed. */
function IdField({ node, taken }: { node: WorkflowNode; taken: ReadonlySet<string> }) {
  const store = useEditorStore();
  const [value, setValue] = useState(node.id);
  useEffect(() => setValue(node.id), [node.id]);
  const error =
    value === node.id
      ? undefined
      : !ID_PATTERN.test(value)
        ? 'Use letters, digits, - and _, starting with a letter'
        : taken.has(value)
          ? `'${value}' is already used`
          : undefined;
  const commit = () => {
    if (value === node.id) return;
    if (error) return setValue(node.id);
    const s = store.getState();
    if (s.dispatch(edit.renameNode(node.id, value))) s.select([value]);
  };
  return (
    <div className="field">
      <label htmlFor="node-id">Node id</label>
      <input
        id="node-id"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setValue(node.id);
        }}
        aria-invalid={!!error}
      />
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** The right-hand inspector. */
export function Inspector() {
  const workflow = useEditor(selectWorkflow);
  const selection = useEditor(selectSelection);
  const manifests = useEditor(selectManifests);
  const problems = useEditor(selectProblems);
  const run = useEditor(selectRun);
  const store = useEditorStore();
  const node = selection.length === 1 ? workflow.nodes.find((n) => n.id === selection[0]) : undefined;
  const manifest = node && manifestFor(node, manifests);
  const nodeId = node?.id;
  const scope = useMemo(
    () => (nodeId ? expressionScope(workflow, nodeId, manifests) : []),
    [workflow, nodeId, manifests],
  );
  const taken = useMemo(() => new Set(workflow.nodes.map((n) => n.id)), [workflow]);

  if (selection.length === 0) return <WorkflowPanel />;
  if (!node) {
    return (
      <aside className="inspector empty" aria-label="Inspector">
        <Icon name="edit" size={28} />
        <p>
          {selection.length > 1 ? `${selection.length} nodes selected` : 'Select a node to configure it.'}
        </p>
        <p className="muted small">
          Drag nodes from the palette, connect their handles, press ? for shortcuts.
        </p>
      </aside>
    );
  }
  const nodeProblems = problemsByNode(workflow, problems).get(node.id) ?? [];
  const runState = run.nodes[node.id];
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <header className="inspector-head">
        <Icon name={manifest?.icon ?? manifest?.control} size={18} />
        <div>
          <div className="inspector-title">{node.name ?? manifest?.title ?? node.uses}</div>
          <div className="muted small mono">{node.uses}</div>
        </div>
      </header>
      {manifest?.description && <p className="muted small">{manifest.description}</p>}
      {nodeProblems.length > 0 && (
        <ul className="problems">
          {nodeProblems.map((p) => (
            <li key={`${p.path}-${p.code}-${p.message}`} className={p.severity}>
              <Icon name="alert" size={12} /> {p.message} <span className="muted">(line {p.line})</span>
            </li>
          ))}
        </ul>
      )}
      {runState && (
        <section>
          <h4>Last run</h4>
          <NodeRunDetails state={runState} />
        </section>
      )}
      <section>
        <IdField node={node} taken={taken} />
        <div className="field">
          <label htmlFor="node-name">Title</label>
          <input
            id="node-name"
            placeholder={manifest?.title}
            value={node.name ?? ''}
            onChange={(e) =>
              store
                .getState()
                .dispatch(
                  edit.setNodeField(node.id, ['name'], e.target.value || undefined),
                  `name:${node.id}`,
                )
            }
          />
        </div>
      </section>
      <section>
        <h4>Configuration</h4>
        {manifest ? (
          <LazyConfigForm key={node.id} node={node} manifest={manifest} scope={scope} />
        ) : (
          <p className="muted">Plugin not installed: edit this node in YAML.</p>
        )}
      </section>
      {(manifest?.control === 'loop' || manifest?.control === 'parallel') && (
        <section>
          <h4>{manifest.control === 'loop' ? 'Loop body' : 'Parallel branches'}</h4>
          <StructureEditor node={node} workflow={workflow} control={manifest.control} />
        </section>
      )}
      {manifest?.control !== 'end' && (
        <section>
          <h4>
            {manifest?.control === 'loop' || manifest?.control === 'parallel' ? 'When done' : 'Next steps'}
          </h4>
          <LazyNextEditor node={node} workflow={workflow} scope={scope} />
        </section>
      )}
      <section>
        <h4>Settings</h4>
        <NodeSettings node={node} workflow={workflow} />
      </section>
    </aside>
  );
}
