/** The dialogs of the workflows page: create (blank or from an example) and rename. */
import { useState } from 'react';
import type { WorkflowSummary } from '../api/studio-api.ts';
import { DialogActions, Modal } from '../components/Modal.tsx';
import { examples } from '../lib/examples.ts';

/** Asks for a name and a starting point (blank or a bundled example). */
export function CreateDialog({
  onClose,
  onCreate,
}: {
  onClose: () => void;
  onCreate: (name: string, yaml?: string) => void;
}) {
  const [name, setName] = useState('');
  const [example, setExample] = useState('');
  const chosen = examples.find((e) => e.file === example);
  return (
    <Modal title="New workflow" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate(name.trim() || chosen?.title || 'Untitled workflow', chosen?.yaml);
        }}
      >
        <label htmlFor="new-name">Name</label>
        <input
          id="new-name"
          value={name}
          placeholder={chosen?.title ?? 'e.g. Order status bot'}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="new-example">Start from</label>
        <select id="new-example" value={example} onChange={(e) => setExample(e.target.value)}>
          <option value="">A blank workflow</option>
          {examples.map((e) => (
            <option key={e.file} value={e.file}>
              Example: {e.title}
            </option>
          ))}
        </select>
        {chosen?.description && <p className="muted small">{chosen.description}</p>}
        <DialogActions submit="Create" onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Asks for a workflow's new name. */
export function RenameDialog({
  workflow,
  onClose,
  onRename,
}: {
  workflow: WorkflowSummary;
  onClose: () => void;
  onRename: (name: string) => void;
}) {
  const [name, setName] = useState(workflow.name);
  return (
    <Modal title="Rename workflow" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onRename(name.trim());
        }}
      >
        <label htmlFor="rename">Name</label>
        <input id="rename" value={name} onChange={(e) => setName(e.target.value)} />
        <DialogActions submit="Rename" onCancel={onClose} />
      </form>
    </Modal>
  );
}
