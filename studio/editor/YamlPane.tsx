/**
 * The YAML pane, live both ways: typing sets the editor text after a short pause (the canvas
 * follows); canvas edits replace the pane's text. Problems of the current text are shown at their
 * line as CodeMirror diagnostics.
 */
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../runtime/workflow/types.ts';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { selectProblems, selectText } from './selectors.ts';
import { whenIdle } from './when-idle.ts';

const DEBOUNCE_MS = 350;
/**
 * Highlighting a big file means parsing all of it in 100 ms slices that CodeMirror does not break
 * for a drag or a pan, so past this size it starts at the first pause in the builder's input.
 */
const HIGHLIGHT_AT_ONCE_CHARS = 20_000;
const HIGHLIGHT_WHEN = { quietMs: 1000, maxWaitMs: 5000 };

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
  // The view exists only after CodeMirror's own effects ran: effects that need it wait for it.
  const [view, setView] = useState<EditorView>();
  const [language] = useState(() => new Compartment());
  const [highlightNow] = useState(() => text.length <= HIGHLIGHT_AT_ONCE_CHARS);
  const extensions = useMemo(
    () => [language.of(highlightNow ? yaml() : []), lintGutter(), EditorView.lineWrapping],
    [language, highlightNow],
  );
  useEffect(() => {
    if (highlightNow || !view) return;
    return whenIdle(() => view.dispatch({ effects: language.reconfigure(yaml()) }), HIGHLIGHT_WHEN);
  }, [view, language, highlightNow]);

  // Canvas edits, undo and reloads change the text: show them unless the user is mid-typing.
  useEffect(() => {
    if (text !== sent.current) {
      sent.current = text;
      clearTimeout(timer.current);
      setDraft(text);
    }
  }, [text]);

  useEffect(() => {
    if (!view || draft !== text) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view, problems)));
  }, [view, problems, draft, text]);

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
        onCreateEditor={setView}
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
