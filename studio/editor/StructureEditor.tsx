/**
 * A loop's body or a parallel node's branches as a list of targets, the precise twin of the
 * dashed body/branch edges on the canvas.
 */
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { Workflow, WorkflowNode } from '../../runtime/workflow/types.ts';
import { Icon } from '../components/Icon.tsx';
import { useEditorStore } from './editor-context.tsx';
import { addBranch, removeBranch, retargetBranch, setBody } from './structure-edits.ts';

/** Options for a target select: every other node, plus the current value when it is missing. */
function TargetOptions({ targets, current }: { targets: string[]; current?: string }) {
  return (
    <>
      {current && !targets.includes(current) && <option value={current}>{current} (missing)</option>}
      {targets.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </>
  );
}

/** The body (loop) or branches (parallel) editor of `node`. */
export function StructureEditor({
  node,
  workflow,
  control,
}: {
  node: WorkflowNode;
  workflow: Workflow;
  control: 'loop' | 'parallel';
}) {
  const store = useEditorStore();
  const dispatch = (edits: WorkflowEdit | WorkflowEdit[]) => store.getState().dispatch(edits);
  const targets = workflow.nodes.filter((n) => n.id !== node.id).map((n) => n.id);

  if (control === 'loop') {
    return (
      <div className="structure-editor" data-testid="structure-editor">
        <p className="muted small">Each round runs the chain of nodes starting here, then loops.</p>
        <label className="next-entry-head">
          <span className="next-kind kind-body">body</span>
          <span className="muted small">starts at</span>
          <select
            aria-label="Loop body"
            value={node.body ?? ''}
            onChange={(e) => dispatch(setBody(node, e.target.value))}
          >
            <option value="">(none)</option>
            <TargetOptions targets={targets} current={node.body} />
          </select>
        </label>
      </div>
    );
  }
  const branches = node.branches ?? [];
  const free = targets.filter((id) => !branches.includes(id));
  return (
    <div className="structure-editor" data-testid="structure-editor">
      <p className="muted small">Every branch runs at the same time; the node continues when all are done.</p>
      {branches.length === 0 && <p className="muted small">No branches yet.</p>}
      {branches.map((to, index) => (
        <div className="next-entry-head" key={to}>
          <span className="next-kind kind-branches">branch {index + 1}</span>
          <span className="muted small">starts at</span>
          <select
            aria-label={`Branch ${index + 1}`}
            value={to}
            onChange={(e) => dispatch(retargetBranch(node, index, e.target.value))}
          >
            <TargetOptions targets={targets} current={to} />
          </select>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove branch ${index + 1}`}
            onClick={() => dispatch(removeBranch(node, index))}
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
      <select
        aria-label="Add branch"
        value=""
        disabled={free.length === 0}
        onChange={(e) => dispatch(addBranch(node, e.target.value))}
      >
        <option value="">+ Add branch…</option>
        <TargetOptions targets={free} />
      </select>
    </div>
  );
}
