/** Asks for a message describing the version being saved. */
import { useState } from 'react';
import { DialogActions, Modal } from '../components/Modal.tsx';

/** The save dialog. */
export function SaveDialog({ onSave, onClose }: { onSave: (message: string) => void; onClose: () => void }) {
  const [message, setMessage] = useState('');
  return (
    <Modal title="Save a version" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(message.trim() || 'Saved from the studio');
        }}
      >
        <label htmlFor="save-message">What changed?</label>
        <input
          id="save-message"
          value={message}
          placeholder="e.g. Route refund questions to a human"
          onChange={(e) => setMessage(e.target.value)}
        />
        <DialogActions submit="Save" onCancel={onClose} />
      </form>
    </Modal>
  );
}
