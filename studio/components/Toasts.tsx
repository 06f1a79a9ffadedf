/**
 * Toast notifications with an optional action (the "Undo" after deleting a workflow). A tiny
 * zustand store so any page can raise one.
 */
import { create } from 'zustand';

/** One toast. */
export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  message: string;
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>, ms?: number): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** The page's toasts. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(t, ms = 5000) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...t, id }] });
    setTimeout(() => get().dismiss(id), ms);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

/** Shows a toast from anywhere. */
export const toast = (t: Omit<Toast, 'id'>, ms?: number) => useToasts.getState().push(t, ms);

const selectToasts = (s: ToastState) => s.toasts;

/** Renders the toasts in the corner. */
export function Toasts() {
  const toasts = useToasts(selectToasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role="status">
          <span>{t.message}</span>
          {t.action && (
            <button
              type="button"
              onClick={() => {
                t.action!.run();
                useToasts.getState().dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
