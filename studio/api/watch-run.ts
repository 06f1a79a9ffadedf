/**
 * Follows a run live over socket.io: asks the host for the run's trace and calls `onEvent` for
 * each event (already-sent events are replayed by the host, duplicates are dropped by `seq`).
 */
import { io, type Socket } from 'socket.io-client';
import type { TraceEvent } from '../../runtime/engine/types.ts';
import { socketEvents } from './paths.ts';

let socket: Socket | undefined;

/** The page's one socket.io connection, opened on first use. */
function connection(): Socket {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}

/** Starts following `runId`; returns a function that stops following it. */
export function watchRun(runId: string, onEvent: (event: TraceEvent) => void): () => void {
  const s = connection();
  const seen = new Set<number>();
  const listener = (event: TraceEvent) => {
    if (event.runId !== runId || seen.has(event.seq)) return;
    seen.add(event.seq);
    onEvent(event);
  };
  const watch = () => s.emit(socketEvents.watchRun, { runId });
  s.on(socketEvents.trace, listener);
  s.on('connect', watch);
  if (s.connected) watch();
  return () => {
    s.off(socketEvents.trace, listener);
    s.off('connect', watch);
    s.emit(socketEvents.unwatchRun, { runId });
  };
}
