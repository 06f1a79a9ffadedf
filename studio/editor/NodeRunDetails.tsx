/**
 * What a node did in the run being shown: status, duration, attempts, input, output, error, logs.
 */
import type { NodeRunState } from './run-view.ts';

/** Pretty JSON, or a dash. */
export function Json({ value }: { value: unknown }) {
  if (value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

/** The run section of the inspector. */
export function NodeRunDetails({ state }: { state: NodeRunState }) {
  return (
    <div className="run-details" data-testid="node-run-details">
      <div className="run-meta">
        <span className={`status-badge status-${state.status}`}>{state.status}</span>
        {state.durationMs !== undefined && <span>{Math.round(state.durationMs)} ms</span>}
        {state.attempt !== undefined && state.attempt > 1 && <span>attempt {state.attempt}</span>}
      </div>
      {state.error && (
        <div className="error-box">
          <strong>{state.error.code}</strong>: {state.error.message}
        </div>
      )}
      <h5>Input</h5>
      <Json value={state.input} />
      <h5>Output</h5>
      <Json value={state.output} />
      {state.logs.length > 0 && (
        <>
          <h5>Logs</h5>
          <ul className="logs">
            {state.logs.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: logs only grow; the position is the identity.
              <li key={`${i}-${l.message}`}>{l.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
