/**
 * Per-node runtime settings: timeout, retry and what happens on error, plus disabling the node.
 * Each control writes one set-node-field edit; empty means "use the default" and removes the key.
 */
import type { OnError, Workflow, WorkflowNode } from '../../runtime/workflow/types.ts';
import { useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';

/** Reads a duration field: digits become milliseconds, anything else stays text (`5s`). */
function duration(value: string): number | string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** The settings section of the inspector. */
export function NodeSettings({ node, workflow }: { node: WorkflowNode; workflow: Workflow }) {
  const store = useEditorStore();
  const set = (path: Array<string | number>, value: unknown) =>
    store
      .getState()
      .dispatch(edit.setNodeField(node.id, path, value), `settings:${node.id}:${path.join('.')}`);
  const onErrorMode = typeof node.onError === 'object' ? 'fallback' : (node.onError ?? 'fail');
  const fallback = typeof node.onError === 'object' ? node.onError.fallback : '';
  const others = workflow.nodes.filter((n) => n.id !== node.id);

  const setOnError = (mode: string, target = fallback || others[0]?.id || '') => {
    const value: OnError | undefined =
      mode === 'fail' ? undefined : mode === 'continue' ? 'continue' : { fallback: target };
    set(['onError'], value);
  };

  return (
    <div className="settings-grid">
      <label htmlFor="node-timeout">Timeout</label>
      <input
        id="node-timeout"
        placeholder="e.g. 30s (default: none)"
        defaultValue={node.timeout === undefined ? '' : String(node.timeout)}
        key={`t-${node.id}-${String(node.timeout)}`}
        onBlur={(e) => set(['timeout'], duration(e.target.value))}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <label htmlFor="node-retry">Retries</label>
      <input
        id="node-retry"
        type="number"
        min={0}
        max={20}
        placeholder="0"
        value={node.retry?.max ?? ''}
        onChange={(e) => {
          const max = e.target.value === '' ? 0 : Number(e.target.value);
          set(['retry'], max > 0 ? { ...node.retry, max } : undefined);
        }}
      />
      {node.retry && (
        <>
          <label htmlFor="node-backoff">Backoff</label>
          <input
            id="node-backoff"
            placeholder="200ms"
            defaultValue={node.retry.backoff === undefined ? '' : String(node.retry.backoff)}
            key={`b-${node.id}-${String(node.retry.backoff)}`}
            onBlur={(e) => set(['retry', 'backoff'], duration(e.target.value))}
          />
        </>
      )}
      <label htmlFor="node-onerror">On error</label>
      <select id="node-onerror" value={onErrorMode} onChange={(e) => setOnError(e.target.value)}>
        <option value="fail">Fail the run</option>
        <option value="continue">Continue with the error as output</option>
        <option value="fallback" disabled={others.length === 0}>
          Go to a fallback node
        </option>
      </select>
      {onErrorMode === 'fallback' && (
        <>
          <label htmlFor="node-fallback">Fallback</label>
          <select
            id="node-fallback"
            value={fallback}
            onChange={(e) => setOnError('fallback', e.target.value)}
          >
            {others.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="node-disabled">Disabled</label>
      <input
        id="node-disabled"
        type="checkbox"
        checked={!!node.disabled}
        onChange={(e) => set(['disabled'], e.target.checked || undefined)}
      />
    </div>
  );
}
