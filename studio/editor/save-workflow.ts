/**
 * Saving a version: PUT with the version the text was based on. A 409 means someone saved first;
 * the caller gets their version to merge with.
 */
import { ApiError } from '../api/http.ts';
import { api } from '../api/studio-api.ts';
import type { EditorStore } from './editor-store.ts';

/** What a save attempt ended with. */
export type SaveOutcome =
  | { ok: true; version: number }
  | { ok: false; conflict: { version: number; yaml: string } }
  | { ok: false; error: string };

/** Saves the editor's text as a new version with `message`. */
export async function saveWorkflow(
  store: EditorStore,
  workflowId: string,
  message: string,
  text = store.getState().text,
): Promise<SaveOutcome> {
  const { baseVersion } = store.getState();
  try {
    const saved = await api.saveWorkflow(workflowId, text, message, baseVersion);
    const version = saved.version || baseVersion + 1;
    store.getState().markSaved(text, version);
    return { ok: true, version };
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const body = (e.body ?? {}) as {
        current?: { version: number; yaml: string };
        error?: { details?: { current?: { version: number; yaml: string } } };
      };
      const current = body.current ?? body.error?.details?.current;
      if (current) return { ok: false, conflict: current };
    }
    return { ok: false, error: (e as Error).message };
  }
}
