/**
 * One editor's state. The YAML text is the source of truth: canvas actions dispatch WorkflowEdit
 * objects that `applyEdits` turns into new text; the graph is derived from the parse of the text.
 * Undo and redo are stacks of texts. While the text does not parse, the last good graph stays.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { TraceEvent } from '../../runtime/engine/types.ts';
import { applyEdits } from '../../runtime/workflow/apply-edits.ts';
import type { WorkflowEdit } from '../../runtime/workflow/edit.ts';
import type { Problem, Workflow } from '../../runtime/workflow/types.ts';
import { parseCached } from './parse-cache.ts';
import { emptyRun, type RunView, reduceTrace } from './run-view.ts';
import { workflowProblems } from './workflow-problems.ts';

/** Consecutive edits with the same key within this window make one undo step (typing in a field). */
const COALESCE_MS = 1200;
const HISTORY_LIMIT = 200;

/** Everything one editor instance knows. */
export interface EditorState {
  file: string;
  text: string;
  /** The graph of the last text that parsed. */
  workflow: Workflow;
  /** Problems of the current text (not of the last good one). */
  problems: Problem[];
  /** False while the current text does not parse: the canvas shows the last good graph. */
  textParses: boolean;
  past: string[];
  future: string[];
  lastKey?: string;
  lastAt: number;
  selection: string[];
  manifests: ReadonlyMap<string, PluginManifest>;
  run: RunView;
  /** Text and version as last loaded or saved: the base of a three-way merge. */
  baseText: string;
  baseVersion: number;
  notice?: { kind: 'error' | 'info'; message: string; at: number };

  /** Applies edits to the text; `key` merges repeated edits of one field into one undo step. */
  dispatch(edits: WorkflowEdit | WorkflowEdit[], key?: string): boolean;
  /** Replaces the whole text (YAML pane, merge, reload). */
  setText(text: string, key?: string): void;
  undo(): void;
  redo(): void;
  select(ids: string[]): void;
  setManifests(list: PluginManifest[]): void;
  /** Runs the full checks of the current text now (a store made with `deferChecks` starts without them). */
  check(): void;
  startRun(runId: string): void;
  traceEvent(event: TraceEvent): void;
  showRun(runId: string, events: TraceEvent[]): void;
  clearRun(): void;
  markSaved(text: string, version: number): void;
  notify(kind: 'error' | 'info', message: string): void;
}

/** An editor store. */
export type EditorStore = StoreApi<EditorState>;

const EMPTY: Workflow = { id: 'untitled', nodes: [] };

/** How a store is created. */
export interface EditorStoreOptions {
  file?: string;
  baseVersion?: number;
  /** The installed plugins, when already known. */
  manifests?: PluginManifest[];
  /**
   * Start with the parse problems only and leave the full checks (references, expressions, each
   * node's config) to a later `check()`: on a big file they cost more than drawing the canvas.
   */
  deferChecks?: boolean;
}

/** Creates the store of one editor, loaded with `initialYaml` (version `baseVersion`). */
export function createEditorStore(initialYaml: string, options: EditorStoreOptions = {}): EditorStore {
  const file = options.file ?? 'workflow.yaml';
  const first = parseCached(initialYaml, file);
  const initialManifests = new Map((options.manifests ?? []).map((m) => [m.id, m]));

  return createStore<EditorState>()((set, get) => {
    /** Moves to `text`, recording the current text for undo unless this continues the same keyed edit. */
    const commit = (text: string, key?: string) => {
      const s = get();
      if (text === s.text) return;
      const now = Date.now();
      const continues = key !== undefined && key === s.lastKey && now - s.lastAt < COALESCE_MS;
      const past = continues ? s.past : [...s.past, s.text].slice(-HISTORY_LIMIT);
      set({ ...derive(text), past, future: [], lastKey: key, lastAt: now });
    };
    const derive = (text: string): Partial<EditorState> => {
      const parsed = parseCached(text, file);
      const selection = get()?.selection ?? [];
      const problems = workflowProblems(parsed, get()?.manifests ?? new Map());
      if (!parsed.workflow) return { text, problems, textParses: false };
      const ids = new Set(parsed.workflow.nodes.map((n) => n.id));
      return {
        text,
        workflow: parsed.workflow,
        problems,
        textParses: true,
        selection: selection.every((id) => ids.has(id)) ? selection : selection.filter((id) => ids.has(id)),
      };
    };

    return {
      file,
      text: initialYaml,
      workflow: first.workflow ?? EMPTY,
      problems: options.deferChecks ? first.problems : workflowProblems(first, initialManifests),
      textParses: !!first.workflow,
      past: [],
      future: [],
      lastAt: 0,
      selection: [],
      manifests: initialManifests,
      run: emptyRun(),
      baseText: initialYaml,
      baseVersion: options.baseVersion ?? 0,

      dispatch(edits, key) {
        const list = Array.isArray(edits) ? edits : [edits];
        if (list.length === 0) return true;
        try {
          commit(applyEdits(get().text, list), key);
          return true;
        } catch (error) {
          get().notify('error', (error as Error).message);
          return false;
        }
      },
      setText: (text, key) => commit(text, key),
      undo() {
        const { past, text, future } = get();
        if (past.length === 0) return;
        set({
          ...derive(past[past.length - 1]!),
          past: past.slice(0, -1),
          future: [text, ...future],
          lastKey: undefined,
        });
      },
      redo() {
        const { past, text, future } = get();
        if (future.length === 0) return;
        set({ ...derive(future[0]!), past: [...past, text], future: future.slice(1), lastKey: undefined });
      },
      select(ids) {
        const cur = get().selection;
        if (ids.length === cur.length && ids.every((id, i) => id === cur[i])) return;
        set({ selection: ids });
      },
      setManifests(list) {
        const manifests = new Map(list.map((m) => [m.id, m]));
        set({ manifests, problems: workflowProblems(parseCached(get().text, file), manifests) });
      },
      check() {
        const s = get();
        const problems = workflowProblems(parseCached(s.text, file), s.manifests);
        if (!sameProblems(problems, s.problems)) set({ problems });
      },
      startRun: (runId) => set({ run: { ...emptyRun(), runId, status: 'running' } }),
      traceEvent: (event) => set({ run: reduceTrace(get().run, event) }),
      showRun: (runId, events) =>
        set({ run: events.reduce(reduceTrace, { ...emptyRun(), runId, status: 'running' }) }),
      clearRun: () => set({ run: emptyRun() }),
      markSaved: (text, version) => set({ baseText: text, baseVersion: version }),
      notify: (kind, message) => set({ notice: { kind, message, at: Date.now() } }),
    };
  });
}

/** Same problems in the same order: a check that finds nothing new must not redraw the editor. */
function sameProblems(a: Problem[], b: Problem[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((p, i) => {
        const q = b[i]!;
        return (
          p.message === q.message && p.line === q.line && p.column === q.column && p.severity === q.severity
        );
      }))
  );
}
