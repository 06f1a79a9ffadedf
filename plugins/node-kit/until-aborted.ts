/** How a node plugin that waits on a host capability (fetch, llm) stops waiting when its run is cancelled. */
import { CancelledError } from '../../runtime/workflow/errors.ts';

/** Rejects when the run is cancelled, so a slow server or model never holds a cancelled run. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new CancelledError());
    signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
  });
}
