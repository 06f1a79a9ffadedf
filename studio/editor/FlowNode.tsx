/**
 * How a workflow node looks on the canvas: icon, title, node id, run status and problems, one
 * target handle on the left and one labelled source handle per branch on the right.
 */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { Problem, WorkflowNode } from '../../runtime/workflow/types.ts';
import { Icon } from '../components/Icon.tsx';
import { categoryColor } from './category-color.ts';
import { hasSingleOutput } from './node-box.ts';
import type { SourceHandle } from './node-handles.ts';
import type { NodeRunState } from './run-view.ts';

/** What the canvas passes to each node. */
export type FlowNodeData = {
  node: WorkflowNode;
  manifest?: PluginManifest;
  handles: SourceHandle[];
  hasTarget: boolean;
  isStart: boolean;
  problems: Problem[];
  run?: NodeRunState;
  changed?: boolean;
};

/** A canvas node carrying FlowNodeData. */
export type FlowNodeType = Node<FlowNodeData, 'workflow'>;

const STATUS_LABEL: Record<NodeRunState['status'], string> = {
  running: 'Running',
  completed: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  retrying: 'Retrying',
};

/** The node component registered as type `workflow`. */
export const FlowNode = memo(function FlowNode({ data, selected }: NodeProps<FlowNodeType>) {
  const { node, manifest, handles, run, problems } = data;
  // A plain node has one unlabelled output, centred on its right edge like its input.
  const single = hasSingleOutput(data) ? handles[0] : undefined;
  const errors = problems.filter((p) => p.severity === 'error');
  const title = node.name ?? manifest?.title ?? node.uses;
  const color = categoryColor(manifest?.category, manifest?.control);
  const classes = [
    'flow-node',
    selected ? 'is-selected' : '',
    run ? `run-${run.status}` : '',
    errors.length ? 'has-error' : '',
    node.disabled ? 'is-disabled' : '',
    data.changed ? 'is-changed' : '',
    manifest ? '' : 'is-unknown',
  ].join(' ');
  return (
    <div
      className={classes}
      data-node-id={node.id}
      data-status={run?.status ?? ''}
      style={{ '--node-color': color } as React.CSSProperties}
    >
      {data.hasTarget && (
        <Handle type="target" position={Position.Left} id="in" className="flow-handle target" />
      )}
      <div className="flow-node-head">
        <span className="flow-node-icon">
          <Icon name={manifest?.icon ?? manifest?.control} size={16} />
        </span>
        <div className="flow-node-titles">
          <div className="flow-node-title" title={title}>
            {title}
          </div>
          <div className="flow-node-id">{node.id}</div>
        </div>
        {run && (
          <span className={`status-badge status-${run.status}`} title={run.error?.message}>
            {STATUS_LABEL[run.status]}
          </span>
        )}
        {!run && data.isStart && <span className="status-badge status-start">Start</span>}
      </div>
      {errors.length > 0 && (
        <div className="flow-node-problem" title={errors.map((p) => p.message).join('\n')}>
          <Icon name="alert" size={12} /> {errors[0]!.message}
        </div>
      )}
      {!manifest && <div className="flow-node-problem warn">Plugin {node.uses} is not installed</div>}
      {single ? (
        <Handle
          type="source"
          position={Position.Right}
          id={single.id}
          className="flow-handle source kind-out"
        />
      ) : (
        <div className="flow-node-outs">
          {handles.map((h) => (
            <div key={h.id} className={`flow-node-out kind-${h.kind}`}>
              {h.label && <span className="flow-node-out-label">{h.label}</span>}
              <Handle
                type="source"
                position={Position.Right}
                id={h.id}
                className={`flow-handle source kind-${h.kind}`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
