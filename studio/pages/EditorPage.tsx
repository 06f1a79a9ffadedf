/**
 * The editor page: loads a workflow and the installed plugins, creates the editor store for it,
 * and lays out palette, canvas, YAML pane and the right dock (node, test, versions).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { prepareEdits } from '../../runtime/workflow/apply-edits.ts';
import { workflowValidator } from '../../runtime/workflow/workflow-schema.ts';
import { api, type WorkflowDetail } from '../api/studio-api.ts';
import { watchRun } from '../api/watch-run.ts';
import { toast } from '../components/Toasts.tsx';
import { EditorWorkspace } from '../editor/EditorWorkspace.tsx';
import { EditorProvider } from '../editor/editor-context.tsx';
import { createEditorStore, type EditorStore } from '../editor/editor-store.ts';
import { whenIdle } from '../editor/when-idle.ts';

/**
 * Priming the edit cache parses the whole file (a few hundred ms for 1,000 nodes), so it waits for
 * this long a pause in the builder's input; an edit made before then parses the file itself.
 */
const PRIME_EDITS_WHEN_QUIET_MS = 1000;

/** The editor of workflow `workflowId`; `runId` opens that run's trace on the canvas. */
export function EditorPage({ workflowId, runId }: { workflowId: string; runId?: string }) {
  const [loaded, setLoaded] = useState<{ workflow: WorkflowDetail; store: EditorStore }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    // The editor opens once the plugins are known too, so the canvas is drawn once, with titles,
    // icons and handles from the manifests. Without them it still opens.
    const plugins = api.listPlugins().catch((e: Error) => {
      toast({ kind: 'error', message: `Could not load plugins: ${e.message}` });
      return [] as PluginManifest[];
    });
    // Parsing the file needs the compiled workflow schema: compile it while the requests are out.
    const warm = setTimeout(() => workflowValidator(), 0);
    Promise.all([api.getWorkflow(workflowId), plugins]).then(
      ([workflow, manifests]) =>
        live &&
        setLoaded({
          workflow,
          store: createEditorStore(workflow.yaml, {
            file: `${workflow.id}.yaml`,
            baseVersion: workflow.version,
            manifests,
            deferChecks: true,
          }),
        }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
      clearTimeout(warm);
    };
  }, [workflowId]);

  // Once the canvas is up: the full checks of the file, then, at a pause, the edit cache.
  useEffect(() => {
    if (!loaded) return;
    const { store } = loaded;
    const cancelCheck = whenIdle(() => store.getState().check());
    const cancelPrime = whenIdle(() => prepareEdits(store.getState().text), {
      quietMs: PRIME_EDITS_WHEN_QUIET_MS,
    });
    return () => {
      cancelCheck();
      cancelPrime();
    };
  }, [loaded]);

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
