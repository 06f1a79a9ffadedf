/**
 * A text field that understands `{{ ... }}`: inside braces it completes `inputs.*`, `vars.*`
 * and `nodes.<id>.*` from the scope of the node being edited. Also used, with the JavaScript
 * language, for code nodes.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import type { ScopeEntry } from './expression-scope.ts';

/** Completes names in scope when the cursor is inside `{{ }}`. */
function scopeCompletions(scope: ScopeEntry[], always: boolean) {
  return (context: CompletionContext): CompletionResult | null => {
    const before = context.state.sliceDoc(0, context.pos);
    const open = before.lastIndexOf('{{');
    if (!always && (open === -1 || before.lastIndexOf('}}') > open)) return null;
    const word = context.matchBefore(/[\w.$]*/);
    if (
      !word ||
      (word.from === word.to && !context.explicit && !before.endsWith('{{ ') && !before.endsWith('{{'))
    )
      return null;
    return {
      from: word.from,
      options: scope.map((e) => ({ label: e.label, detail: e.detail, type: 'variable' })),
      validFor: /^[\w.$]*$/,
    };
  };
}

const singleLineTheme = EditorView.theme({
  '&': { fontSize: '13px' },
  '.cm-content': { padding: '5px 0', fontFamily: 'var(--mono)' },
  '&.cm-focused': { outline: 'none' },
});

/** An expression-aware input. `language: 'javascript'` makes it a code editor. */
export function ExpressionInput(props: {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  scope: ScopeEntry[];
  language?: 'javascript';
  placeholder?: string;
  minHeight?: string;
}) {
  const { scope, language } = props;
  const extensions = useMemo(
    () => [
      singleLineTheme,
      EditorView.lineWrapping,
      ...(language === 'javascript' ? [javascript()] : []),
      autocompletion({
        override: [scopeCompletions(scope, language === 'javascript')],
        activateOnTyping: true,
      }),
      EditorView.contentAttributes.of({
        'aria-label': props.id ?? 'expression',
        'data-field': props.id ?? '',
      }),
    ],
    [scope, language, props.id],
  );
  return (
    <div className={`expression-input${language ? ' code' : ''}`} id={props.id}>
      <CodeMirror
        value={props.value}
        onChange={props.onChange}
        onBlur={props.onBlur}
        extensions={extensions}
        placeholder={props.placeholder}
        minHeight={props.minHeight}
        basicSetup={{
          lineNumbers: language === 'javascript',
          foldGutter: false,
          highlightActiveLine: false,
          highlightActiveLineGutter: false,
          autocompletion: false,
          closeBrackets: language === 'javascript',
          searchKeymap: false,
        }}
      />
    </div>
  );
}
