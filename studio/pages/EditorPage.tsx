/**
 * The editor page: loads a workflow and the installed plugins, creates the editor store for it,
 * and lays out palette, canvas, YAML pane and the right dock (node, test, versions).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { api, type WorkflowDetail } from '../api/studio-api.ts';
import { watchRun } from '../api/watch-run.ts';
import { toast } from '../components/Toasts.tsx';
import { EditorWorkspace } from '../editor/EditorWorkspace.tsx';
import { EditorProvider } from '../editor/editor-context.tsx';
import { createEditorStore, type EditorStore } from '../editor/editor-store.ts';

/** The editor of workflow `workflowId`; `runId` opens that run's trace on the canvas. */
export function EditorPage({ workflowId, runId }: { workflowId: string; runId?: string }) {
  const [loaded, setLoaded] = useState<{ workflow: WorkflowDetail; store: EditorStore }>();
  const [plugins, setPlugins] = useState<PluginManifest[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    api.getWorkflow(workflowId).then(
      (workflow) =>
        live &&
        setLoaded({
          workflow,
          store: createEditorStore(workflow.yaml, {
            file: `${workflow.id}.yaml`,
            baseVersion: workflow.version,
          }),
        }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [workflowId]);

  useEffect(() => {
    api
      .listPlugins()
      .then(setPlugins, (e: Error) =>
        toast({ kind: 'error', message: `Could not load plugins: ${e.message}` }),
      );
  }, []);

  useEffect(() => {
    if (loaded && plugins) loaded.store.getState().setManifests(plugins);
  }, [loaded, plugins]);

  useEffect(() => {
    if (!loaded || !runId) return;
    let stop: (() => void) | undefined;
    api.getRun(runId).then(
      (run) => {
        loaded.store.getState().showRun(runId, run.events);
        if (run.status === 'running' || run.status === 'queued')
          stop = watchRun(runId, (e) => loaded.store.getState().traceEvent(e));
      },
      (e: Error) => toast({ kind: 'error', message: e.message }),
    );
    return () => stop?.();
  }, [loaded, runId]);

  if (error) return <div className="page error-box">{error}</div>;
  if (!loaded) return <div className="page muted">Loading workflow…</div>;
  return (
    <EditorProvider store={loaded.store}>
      <ReactFlowProvider>
        <EditorWorkspace workflow={loaded.workflow} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
