/**
 * The YAML pane, live both ways: typing sets the editor text after a short pause (the canvas
 * follows); canvas edits replace the pane's text. Problems of the current text are shown at their
 * line as CodeMirror diagnostics.
 */
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useRef, useState } from 'react';
import type { Problem } from '../../runtime/workflow/types.ts';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { selectProblems, selectText } from './selectors.ts';

const DEBOUNCE_MS = 350;
const extensions = [yaml(), lintGutter(), EditorView.lineWrapping];

/** Problems as CodeMirror diagnostics at their line and column. */
export function toDiagnostics(view: EditorView, problems: Problem[]): Diagnostic[] {
  const doc = view.state.doc;
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(1, p.line || 1), doc.lines));
    const from = Math.min(line.from + Math.max(0, (p.column || 1) - 1), line.to);
    return { from, to: Math.max(from, line.to), severity: p.severity, message: p.message, source: p.code };
  });
}

/** The YAML pane of the editor in context. */
export function YamlPane() {
  const store = useEditorStore();
  const text = useEditor(selectText);
  const problems = useEditor(selectProblems);
  const [draft, setDraft] = useState(text);
  const sent = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cm = useRef<ReactCodeMirrorRef>(null);

  // Canvas edits, undo and reloads change the text: show them unless the user is mid-typing.
  useEffect(() => {
    if (text !== sent.current) {
      sent.current = text;
      clearTimeout(timer.current);
      setDraft(text);
    }
  }, [text]);

  useEffect(() => {
    const view = cm.current?.view;
    if (!view || draft !== text) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view, problems)));
  }, [problems, draft, text]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (value: string) => {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      sent.current = value;
      store.getState().setText(value, 'yaml');
    }, DEBOUNCE_MS);
  };

  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <section className="yaml-pane" aria-label="YAML" data-testid="yaml-pane">
      <CodeMirror
        ref={cm}
        value={draft}
        onChange={onChange}
        extensions={extensions}
        height="100%"
        className="yaml-editor"
      />
      <div className={`yaml-status ${errors.length ? 'bad' : 'good'}`} data-testid="yaml-status">
        {errors.length === 0
          ? problems.length
            ? `${problems.length} warning${problems.length > 1 ? 's' : ''}`
            : 'Valid workflow'
          : `Line ${errors[0]!.line}: ${errors[0]!.message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`}
      </div>
    </section>
  );
}
