/** The editor's top bar: back, workflow name, undo/redo, layout, fit, YAML toggle, help, run, save. */
import { useReactFlow } from '@xyflow/react';
import { Icon } from '../components/Icon.tsx';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { FIT_WHOLE_FLOW } from './fit-view.ts';
import {
  selectCanRedo,
  selectCanUndo,
  selectDirty,
  selectTextParses,
  selectWorkflowName,
} from './selectors.ts';

/** Toolbar props: the actions the workspace owns. */
export interface EditorToolbarProps {
  name: string;
  showYaml: boolean;
  onBack(): void;
  onLayout(): void;
  onSave(): void;
  onHelp(): void;
  onToggleYaml(): void;
  onRun(): void;
}

/** The toolbar. */
export function EditorToolbar(p: EditorToolbarProps) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const canUndo = useEditor(selectCanUndo);
  const canRedo = useEditor(selectCanRedo);
  const dirty = useEditor(selectDirty);
  const parses = useEditor(selectTextParses);
  const name = useEditor(selectWorkflowName) || p.name;
  const tool = (icon: string, label: string, onClick: () => void, disabled = false) => (
    <button
      type="button"
      className="icon-button"
      title={label}
      aria-label={label}
      onClick={onClick}
      disabled={disabled}
    >
      <Icon name={icon} size={16} />
    </button>
  );
  return (
    <header className="toolbar">
      {tool('chevron-left', 'Back to workflows', p.onBack)}
      <div className="toolbar-title">
        <span className="strong">{name}</span>
        <span className={`save-state ${dirty ? 'dirty' : ''}`} data-testid="save-state">
          {dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        {!parses && <span className="pill-error">YAML has errors</span>}
      </div>
      <div className="toolbar-group">
        {tool('undo', 'Undo (Ctrl+Z)', () => store.getState().undo(), !canUndo)}
        {tool('redo', 'Redo (Ctrl+Shift+Z)', () => store.getState().redo(), !canRedo)}
        <span className="sep" />
        {tool('layout', 'Auto-layout (L)', p.onLayout)}
        {tool(
          'maximize',
          'Zoom to fit (F)',
          () => void flow.fitView({ ...FIT_WHOLE_FLOW, padding: 0.2, duration: 200 }),
        )}
        <button
          type="button"
          className={`toggle ${p.showYaml ? 'on' : ''}`}
          onClick={p.onToggleYaml}
          aria-pressed={p.showYaml}
        >
          YAML
        </button>
        {tool('help', 'Keyboard shortcuts (?)', p.onHelp)}
        <span className="sep" />
        <button type="button" onClick={p.onRun}>
          <Icon name="play" size={14} /> Test
        </button>
        <button type="button" className="primary" onClick={p.onSave}>
          <Icon name="save" size={14} /> Save
        </button>
      </div>
    </header>
  );
}
