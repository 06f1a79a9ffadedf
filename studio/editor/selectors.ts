/**
 * Module-level selectors (stable identities, so components re-render only when their slice changes).
 */
import type { EditorState } from './editor-store.ts';

/** The YAML text. */
export const selectText = (s: EditorState) => s.text;
/** The last good workflow. */
export const selectWorkflow = (s: EditorState) => s.workflow;
/** The workflow's display name (`name:`), so the toolbar follows the Workflow panel. */
export const selectWorkflowName = (s: EditorState) => s.workflow.name;
/** Problems of the current text. */
export const selectProblems = (s: EditorState) => s.problems;
/** Whether the current text parses. */
export const selectTextParses = (s: EditorState) => s.textParses;
/** Selected node ids. */
export const selectSelection = (s: EditorState) => s.selection;
/** Installed plugin manifests by id. */
export const selectManifests = (s: EditorState) => s.manifests;
/** The run being shown. */
export const selectRun = (s: EditorState) => s.run;
/** Whether undo / redo are possible. */
export const selectCanUndo = (s: EditorState) => s.past.length > 0;
export const selectCanRedo = (s: EditorState) => s.future.length > 0;
/** Whether the text differs from the loaded/saved version. */
export const selectDirty = (s: EditorState) => s.text !== s.baseText;
/** The latest notice (toast). */
export const selectNotice = (s: EditorState) => s.notice;
/** The dispatch action. */
export const selectDispatch = (s: EditorState) => s.dispatch;
