/**
 * Runs work when the browser has nothing better to do, so it never holds up drawing or a click.
 */

/** Runs `task` in an idle period at least `delayMs` from now; returns a function that cancels it. */
export function whenIdle(task: () => void, delayMs = 0): () => void {
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer = undefined;
    // Safari has no requestIdleCallback: a timeout after the next frame is the closest.
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => task(), { timeout: 2000 });
    else timer = setTimeout(task, 50);
  };
  if (delayMs > 0) timer = setTimeout(schedule, delayMs);
  else schedule();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
