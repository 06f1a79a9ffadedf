/** A centred dialog with a title, closed by Esc, the × button or a click outside. */
import { type ReactNode, useEffect, useRef } from 'react';
import { Icon } from './Icon.tsx';

/** A modal dialog. */
export function Modal({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const body = useRef<HTMLDivElement>(null);
  // Typing should start in the dialog's first field.
  useEffect(() => body.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside closes; Esc and × do the same from the keyboard.
    <div
      className="modal-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className={`modal${wide ? ' wide' : ''}`} role="dialog" aria-label={title} aria-modal="true">
        <header>
          <h3>{title}</h3>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            <Icon name="x" />
          </button>
        </header>
        <div className="modal-body" ref={body}>
          {children}
        </div>
      </div>
    </div>
  );
}

/** The footer of a form dialog: Cancel, and the submit button named for what it does. */
export function DialogActions({ submit, onCancel }: { submit: string; onCancel: () => void }) {
  return (
    <div className="row gap end">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="primary">
        {submit}
      </button>
    </div>
  );
}
