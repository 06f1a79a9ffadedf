/**
 * The runs monitor: every run with filters by workflow, status and time; open a run on the canvas
 * with its trace; retry a failed run with the same input; cancel a running one.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type RunFilter, type RunSummary, type WorkflowSummary } from '../api/studio-api.ts';
import { Icon } from '../components/Icon.tsx';
import { toast } from '../components/Toasts.tsx';
import { navigate } from '../lib/hash-route.ts';

const REFRESH_MS = 5000;

function time(t: number | string | undefined): string {
  return t === undefined ? '' : new Date(t).toLocaleString();
}

/** The editor showing run `runId` of workflow `workflowId` on the canvas. */
function runPath(workflowId: string, runId: string): string {
  return `/workflows/${encodeURIComponent(workflowId)}?run=${encodeURIComponent(runId)}`;
}

/** Duration between two times, in a readable unit. */
export function duration(from: number | string | undefined, to: number | string | undefined): string {
  if (from === undefined || to === undefined) return '';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return ms < 1000
    ? `${ms} ms`
    : ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms / 60_000)} min`;
}

/** The runs page. */
export function RunsPage({ initialWorkflow }: { initialWorkflow?: string }) {
  const [filter, setFilter] = useState<RunFilter>({ workflowId: initialWorkflow });
  const [runs, setRuns] = useState<RunSummary[]>();
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);

  const load = useCallback(() => {
    const iso = (v?: string) => (v ? new Date(v).toISOString() : undefined);
    api
      .listRuns({ ...filter, from: iso(filter.from), to: iso(filter.to) })
      .then(setRuns, (e: Error) => toast({ kind: 'error', message: e.message }));
  }, [filter]);

  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    api.listWorkflows().then(setWorkflows, () => undefined);
  }, []);

  const retry = async (run: RunSummary) => {
    try {
      const full = await api.getRun(run.runId);
      const runId = await api.startRun({
        workflowId: run.workflowId,
        version: run.version,
        input: full.input,
      });
      navigate(runPath(run.workflowId, runId));
    } catch (e) {
      toast({ kind: 'error', message: (e as Error).message });
    }
  };

  const set = (patch: Partial<RunFilter>) => setFilter((f) => ({ ...f, ...patch }));
  return (
    <div className="page">
      <div className="page-head">
        <h1>Runs</h1>
        <button type="button" onClick={load}>
          <Icon name="refresh" size={14} /> Refresh
        </button>
      </div>
      <div className="filters">
        <select
          aria-label="Workflow"
          value={filter.workflowId ?? ''}
          onChange={(e) => set({ workflowId: e.target.value || undefined })}
        >
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={filter.status ?? ''}
          onChange={(e) => set({ status: e.target.value || undefined })}
        >
          <option value="">Any status</option>
          {['running', 'completed', 'failed', 'cancelled'].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="small muted">
          From{' '}
          <input
            type="datetime-local"
            value={filter.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
        </label>
        <label className="small muted">
          To{' '}
          <input
            type="datetime-local"
            value={filter.to ?? ''}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
        </label>
      </div>
      {runs === undefined ? (
        <p className="muted">Loading…</p>
      ) : runs.length === 0 ? (
        <div className="empty-state">
          <Icon name="activity" size={36} />
          <p>No runs match these filters.</p>
        </div>
      ) : (
        <table className="table" data-testid="run-list">
          <thead>
            <tr>
              <th>Status</th>
              <th>Workflow</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} data-run={r.runId}>
                <td>
                  <span className={`status-badge status-${r.status}`}>{r.status}</span>
                </td>
                <td>
                  {workflows.find((w) => w.id === r.workflowId)?.name ?? r.workflowId}
                  {r.version ? <span className="muted small"> v{r.version}</span> : null}
                </td>
                <td className="small">{time(r.startedAt)}</td>
                <td className="small">{duration(r.startedAt, r.finishedAt)}</td>
                <td className="small error-text">{r.error?.message}</td>
                <td className="actions">
                  <a className="link-action" href={`#${runPath(r.workflowId, r.runId)}`}>
                    Open
                  </a>
                  {r.status === 'failed' && (
                    <button type="button" className="link" onClick={() => void retry(r)}>
                      Retry
                    </button>
                  )}
                  {r.status === 'running' && (
                    <button
                      type="button"
                      className="link"
                      onClick={() => void api.cancelRun(r.runId).then(load)}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
