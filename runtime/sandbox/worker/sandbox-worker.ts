/**
 * Entry point of a sandbox worker process (forked by the pool with the same Node, under Node's
 * permission model). It owns isolates and nothing else: no environment, no file writes, no child
 * processes. If V8 or isolated-vm brings it down, the pool starts another one.
 * argv[2]: how many idle isolates to keep warm; argv[3]: characters of module text to keep.
 */
import type { HostMessage, WorkerMessage } from '../protocol.ts';
import { createCallRunner } from './call-runner.ts';

function send(message: WorkerMessage): void {
  if (!process.connected) return;
  process.send?.(message, undefined, undefined, (error) => {
    // The host went away; nothing is left to report to.
    if (error) process.exit(0);
  });
}

const runner = createCallRunner(send, Number(process.argv[2]) || 32, Number(process.argv[3]) || undefined);

process.on('message', (raw: unknown) => {
  const message = raw as HostMessage;
  if (message === null || typeof message !== 'object') return;
  if (message.type === 'invoke') void runner.invoke(message);
  else if (message.type === 'cancel') runner.cancel(message.callId);
  else if (message.type === 'capability-result') runner.answer(message);
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
