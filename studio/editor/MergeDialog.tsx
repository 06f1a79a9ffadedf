/**
 * Shown when a save answers 409: someone saved a newer version first. Offers a three-way merge
 * of your text onto theirs (editable, with conflict markers when both changed the same lines)
 * or reloading their version.
 */
import { yaml } from '@codemirror/lang-yaml';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo, useState } from 'react';
import { Modal } from '../components/Modal.tsx';
import { hasConflictMarkers, mergeYaml } from './version-diff.ts';

/** The conflict dialog. `onMerged(text)` saves the merged text on top of `theirs.version`. */
export function MergeDialog(props: {
  base: string;
  yours: string;
  theirs: { version: number; yaml: string };
  onMerged: (text: string) => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const merged = useMemo(
    () => mergeYaml(props.base, props.yours, props.theirs.yaml),
    [props.base, props.yours, props.theirs.yaml],
  );
  const [text, setText] = useState(merged.text);
  const conflicted = hasConflictMarkers(text);
  return (
    <Modal
      title={`Version ${props.theirs.version} was saved while you were editing`}
      onClose={props.onClose}
      wide
    >
      <p className="small">
        {merged.conflicts === 0
          ? 'Your changes and theirs touch different lines: they merge cleanly. Check the result and save.'
          : `${merged.conflicts} place${merged.conflicts > 1 ? 's' : ''} changed on both sides. Keep the lines you want and remove the markers.`}
      </p>
      <div className="merge-editor" data-testid="merge-editor">
        <CodeMirror value={text} onChange={setText} extensions={[yaml()]} height="360px" />
      </div>
      <div className="row gap end">
        <button type="button" onClick={props.onReload}>
          Discard mine and reload theirs
        </button>
        <button type="button" className="primary" disabled={conflicted} onClick={() => props.onMerged(text)}>
          Save merged version
        </button>
      </div>
    </Modal>
  );
}
