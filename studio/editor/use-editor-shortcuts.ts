/**
 * Editor keyboard shortcuts: undo/redo, copy/paste, select all, auto-layout, zoom to fit, help.
 * Ignored while typing in a field or in a code editor (which have their own undo).
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { copyNodes, pasteNodes, readClip } from './clipboard.ts';
import type { EditorStore } from './editor-store.ts';
import { edit } from './edits.ts';
import { FIT_WHOLE_FLOW } from './fit-view.ts';
import { edgesOf, positionsOf } from './workflow-graph.ts';

/** The shortcuts, as shown in the help panel. */
export const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl/⌘ Z', 'Undo'],
  ['Ctrl/⌘ Shift Z, Ctrl Y', 'Redo'],
  ['Ctrl/⌘ C / V', 'Copy / paste the selected nodes'],
  ['Ctrl/⌘ D', 'Duplicate the selected nodes'],
  ['Ctrl/⌘ A', 'Select every node'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Shift + click, Shift + drag', 'Add to the selection / box select'],
  ['L', 'Auto-layout'],
  ['F', 'Zoom to fit'],
  ['Ctrl/⌘ S', 'Save a version'],
  ['?', 'Show this help'],
  ['Esc', 'Clear the selection, close panels'],
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"], .cm-editor');
}

/** Pastes the clipboard's nodes with fresh ids, offset from the originals, as one undo step. */
export function pasteInto(store: EditorStore): void {
  const clip = readClip();
  if (!clip?.nodes.length) return;
  const s = store.getState();
  const pasted = pasteNodes(clip, new Set(s.workflow.nodes.map((n) => n.id)));
  if (s.dispatch(pasted.map((p) => edit.addNode(p.node, p.position)))) s.select(pasted.map((p) => p.node.id));
}

/** Copies the selected nodes to the clipboard. */
export function copySelection(store: EditorStore): boolean {
  const s = store.getState();
  if (!s.selection.length) return false;
  copyNodes(s.workflow, s.selection, positionsOf(s.workflow, edgesOf(s.workflow, s.manifests)));
  return true;
}

/** Installs the shortcuts for `store` while the editor is shown. */
export function useEditorShortcuts(
  store: EditorStore,
  actions: { layout(): void; save(): void; help(): void; escape(): void },
) {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = store.getState();
      if (mod && key === 'z') s[e.shiftKey ? 'redo' : 'undo']();
      else if (mod && key === 'y') s.redo();
      else if (mod && key === 'c') copySelection(store);
      else if (mod && key === 'v') pasteInto(store);
      else if (mod && key === 'd') copySelection(store) && pasteInto(store);
      else if (mod && key === 'a') s.select(s.workflow.nodes.map((n) => n.id));
      else if (mod && key === 's') actions.save();
      else if (!mod && e.key === '?') actions.help();
      else if (!mod && key === 'l') actions.layout();
      else if (!mod && key === 'f') void flow.fitView({ ...FIT_WHOLE_FLOW, padding: 0.2, duration: 200 });
      else if (e.key === 'Escape') actions.escape();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, flow, actions]);
}
