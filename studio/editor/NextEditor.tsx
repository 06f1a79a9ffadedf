/**
 * The node's outgoing edges as a list: ordered `when` conditions (editable expressions), `on`
 * branches and the default, each with its target; add a condition or remove an edge. The same
 * edges can be drawn on the canvas; this is the precise way to write conditions.
 */
import type { Workflow, WorkflowNode } from '../../runtime/workflow/types.ts';
import { Icon } from '../components/Icon.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import { useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import type { ScopeEntry } from './expression-scope.ts';
import { type Entry, entryTarget, nextEntries, nextValue, retargetEntry } from './next-entries.ts';

/** The edges editor of `node`. */
export function NextEditor({
  node,
  workflow,
  scope,
}: {
  node: WorkflowNode;
  workflow: Workflow;
  scope: ScopeEntry[];
}) {
  const store = useEditorStore();
  const entries = nextEntries(node.next);
  const targets = workflow.nodes.filter((n) => n.id !== node.id).map((n) => n.id);
  const write = (next: Entry[], key?: string) =>
    store.getState().dispatch(edit.setNodeField(node.id, ['next'], nextValue(next)), key);
  const replace = (index: number, entry: Entry, key?: string) =>
    write(
      entries.map((e, i) => (i === index ? entry : e)),
      key,
    );
  const addCondition = () => {
    const to = targets[0];
    if (to) store.getState().dispatch(edit.connect({ from: node.id, to, when: '{{ true }}' }));
  };

  return (
    <div className="next-editor" data-testid="next-editor">
      {entries.length === 0 && <p className="muted small">No next step: the run ends here.</p>}
      {entries.map((entry, index) => {
        const to = entryTarget(entry);
        const kind =
          'default' in entry
            ? 'otherwise'
            : entry.on !== undefined
              ? `on ${entry.on}`
              : entry.when !== undefined
                ? 'when'
                : 'then';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are ordered branches; the position is what a branch is.
          <div className="next-entry" key={`${index}-${kind}`}>
            <div className="next-entry-head">
              <span className="next-kind">{kind}</span>
              <span className="muted small">go to</span>
              <select
                aria-label={`Target of ${kind} edge ${index + 1}`}
                value={to}
                onChange={(e) => replace(index, retargetEntry(entry, e.target.value))}
              >
                {!targets.includes(to) && <option value={to}>{to} (missing)</option>}
                {targets.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button danger"
                aria-label={`Remove ${kind} edge ${index + 1}`}
                onClick={() => write(entries.filter((_, i) => i !== index))}
              >
                <Icon name="x" size={14} />
              </button>
            </div>
            {'when' in entry && entry.when !== undefined && (
              <ExpressionInput
                id={`when-${node.id}-${index}`}
                value={String(entry.when)}
                scope={scope}
                onChange={(when) => replace(index, { ...entry, when }, `when:${node.id}:${index}`)}
              />
            )}
          </div>
        );
      })}
      <button type="button" className="small-button" onClick={addCondition} disabled={targets.length === 0}>
        <Icon name="plus" size={12} /> Add condition
      </button>
    </div>
  );
}
