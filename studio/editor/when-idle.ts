/**
 * Runs work when the browser has nothing better to do, so it never holds up drawing or a click.
 */

/** Input that means the builder is busy (dragging, panning, typing): heavy work waits for a pause. */
const BUSY_EVENTS = ['pointerdown', 'pointermove', 'wheel', 'keydown'] as const;

/** When to run: after `quietMs` without input (default: at once), but no later than `maxWaitMs`. */
export interface IdleOptions {
  quietMs?: number;
  maxWaitMs?: number;
}

/** Runs `task` in an idle period (after a pause in input when `quietMs` is set); returns a cancel function. */
export function whenIdle(task: () => void, options: IdleOptions = {}): () => void {
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const quietMs = options.quietMs ?? 0;
  const stopListening = () => {
    for (const type of BUSY_EVENTS) window.removeEventListener(type, restart, true);
  };
  const run = () => {
    clearTimeout(timer);
    clearTimeout(deadline);
    timer = undefined;
    stopListening();
    // Safari has no requestIdleCallback: a short timeout is the closest.
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(() => task(), { timeout: 2000 });
    else timer = setTimeout(task, 50);
  };
  function restart() {
    clearTimeout(timer);
    timer = setTimeout(run, quietMs);
  }
  if (quietMs > 0) {
    for (const type of BUSY_EVENTS) window.addEventListener(type, restart, { capture: true, passive: true });
    restart();
    if (options.maxWaitMs !== undefined) deadline = setTimeout(run, options.maxWaitMs);
  } else run();
  return () => {
    stopListening();
    clearTimeout(deadline);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
