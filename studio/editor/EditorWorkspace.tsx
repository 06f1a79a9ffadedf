/**
 * The editor's working area: toolbar, palette, canvas, YAML pane and the right dock, plus the
 * save, conflict and shortcut dialogs.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkflowDetail } from '../api/studio-api.ts';
import { toast } from '../components/Toasts.tsx';
import { navigate } from '../lib/hash-route.ts';
import { layoutGraph } from './auto-layout.ts';
import { Canvas } from './Canvas.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import { FIT_WHOLE_FLOW } from './fit-view.ts';
import { Inspector } from './Inspector.tsx';
import { LazyMergeDialog, LazyYamlPane, preloadEditorParts, yamlPanePlaceholder } from './lazy-parts.ts';
import { Palette } from './Palette.tsx';
import { SaveDialog } from './SaveDialog.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { saveWorkflow } from './save-workflow.ts';
import { selectNotice, selectRun } from './selectors.ts';
import { TestPanel } from './TestPanel.tsx';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { VersionsPanel } from './VersionsPanel.tsx';
import { whenIdle } from './when-idle.ts';

type Tab = 'node' | 'test' | 'versions';

/** The editor workspace for `workflow` (its store is in context). */
export function EditorWorkspace({ workflow }: { workflow: WorkflowDetail }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const notice = useEditor(selectNotice);
  const run = useEditor(selectRun);
  const [tab, setTab] = useState<Tab>('node');
  const [showYaml, setShowYaml] = useState(true);
  const [help, setHelp] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ version: number; yaml: string; yours: string }>();
  const [changed, setChanged] = useState<Set<string>>();
  // CodeMirror and the config forms are separate chunks, fetched once the canvas is drawn; the YAML
  // pane keeps its place meanwhile so the canvas does not move when it arrives.
  const [paneReady, setPaneReady] = useState(false);
  useEffect(
    () =>
      whenIdle(() => {
        // If a chunk cannot be fetched, the part says so (and tries again) when it mounts.
        void preloadEditorParts()
          .catch(() => undefined)
          .then(() => setPaneReady(true));
      }),
    [],
  );

  useEffect(() => {
    if (notice) toast({ kind: notice.kind, message: notice.message });
  }, [notice]);

  // Clicking a node while a run is shown should show what it did: switch to the node tab.
  useEffect(
    () =>
      store.subscribe(
        (s, prev) => s.selection !== prev.selection && s.selection.length === 1 && setTab('node'),
      ),
    [store],
  );

  const layout = useCallback(async () => {
    const s = store.getState();
    // Nodes never drawn (out of view on a big canvas) have no measured size: use their estimate.
    const sizes = new Map(
      flow
        .getNodes()
        .map((n) => [
          n.id,
          { width: n.measured?.width ?? n.initialWidth, height: n.measured?.height ?? n.initialHeight },
        ]),
    );
    const positions = await layoutGraph(
      s.workflow.nodes.map((n) => ({
        id: n.id,
        width: sizes.get(n.id)?.width ?? 240,
        height: sizes.get(n.id)?.height ?? 80,
      })),
      flow.getEdges().map((e) => ({ id: e.id, source: e.source, target: e.target })),
    );
    s.dispatch(Object.entries(positions).map(([id, p]) => edit.moveNode(id, p.x, p.y)));
    requestAnimationFrame(() => void flow.fitView({ ...FIT_WHOLE_FLOW, padding: 0.2, duration: 250 }));
  }, [store, flow]);

  const save = async (message: string, text?: string) => {
    const outcome = await saveWorkflow(store, workflow.id, message, text);
    if (outcome.ok) {
      setSaving(false);
      setConflict(undefined);
      toast({ kind: 'success', message: `Saved version ${outcome.version}` });
    } else if ('conflict' in outcome) {
      setSaving(false);
      setConflict({ ...outcome.conflict, yours: text ?? store.getState().text });
    } else toast({ kind: 'error', message: outcome.error });
  };

  const actions = useMemo(
    () => ({
      layout: () => void layout(),
      save: () => setSaving(true),
      help: () => setHelp(true),
      escape: () => store.getState().select([]),
    }),
    [layout, store],
  );
  useEditorShortcuts(store, actions);

  return (
    <div className="editor">
      <EditorToolbar
        name={workflow.name}
        onBack={() => navigate('/workflows')}
        onLayout={actions.layout}
        onSave={actions.save}
        onHelp={actions.help}
        showYaml={showYaml}
        onToggleYaml={() => setShowYaml((v) => !v)}
        onRun={() => setTab('test')}
      />
      <div className="editor-body">
        <Palette />
        <main className="canvas-wrap">
          <Canvas changed={changed} />
          {run.runId && (
            <div className="run-banner" data-status={run.status}>
              Showing run <span className="mono">{run.runId.slice(0, 8)}</span> · {run.status}
              <button type="button" className="link" onClick={() => store.getState().clearRun()}>
                Clear
              </button>
            </div>
          )}
        </main>
        {showYaml && (paneReady ? <LazyYamlPane /> : yamlPanePlaceholder)}
        <div className="dock">
          <div className="tabs" role="tablist">
            {(['node', 'test', 'versions'] as const).map((t) => (
              <button
                type="button"
                role="tab"
                key={t}
                aria-selected={tab === t}
                className={tab === t ? 'on' : ''}
                onClick={() => setTab(t)}
              >
                {t === 'node' ? 'Node' : t === 'test' ? 'Test' : 'Versions'}
              </button>
            ))}
          </div>
          <div className="dock-body">
            {tab === 'node' && <Inspector />}
            {tab === 'test' && <TestPanel workflowId={workflow.id} />}
            {tab === 'versions' && <VersionsPanel workflowId={workflow.id} onHighlight={setChanged} />}
          </div>
        </div>
      </div>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
      {saving && <SaveDialog onClose={() => setSaving(false)} onSave={(m) => void save(m)} />}
      {conflict && (
        <LazyMergeDialog
          base={store.getState().baseText}
          yours={conflict.yours}
          theirs={conflict}
          onClose={() => setConflict(undefined)}
          onReload={() => {
            const s = store.getState();
            s.setText(conflict.yaml);
            s.markSaved(conflict.yaml, conflict.version);
            setConflict(undefined);
          }}
          onMerged={(text) => {
            const s = store.getState();
            s.markSaved(conflict.yaml, conflict.version);
            s.setText(text);
            void save(`Merged with version ${conflict.version}`, text);
          }}
        />
      )}
    </div>
  );
}
