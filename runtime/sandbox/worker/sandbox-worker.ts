/**
 * Entry point of a sandbox worker process (started by the pool with the same Node, under Node's
 * permission model). It owns isolates and nothing else: no environment, no file writes, no child
 * processes. If V8 or isolated-vm brings it down, the pool starts another one. It talks to the host
 * over the socket on fd 3 (frames.ts) and exits when the host closes it.
 * argv[2]: how many idle isolates to keep warm; argv[3]: characters of module text to keep.
 */
import { Socket } from 'node:net';
import { deserialize } from 'node:v8';
import { encodeFrame, frameReader, writeFrame } from '../frames.ts';
import type { ConfigPayload, HostMessage, WorkerMessage } from '../protocol.ts';
import { createCallRunner } from './call-runner.ts';

// Reads land in one reused buffer (`onread`): no allocation and no stream machinery per message.
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
const host = new Socket({
  fd: 3,
  readable: true,
  writable: true,
  onread: {
    buffer: READ_BUFFER,
    callback: (bytes) => {
      feed(READ_BUFFER.subarray(0, bytes));
      return true;
    },
  },
});
// The host went away (or the socket broke): nothing is left to report to.
host.on('error', () => process.exit(0));
host.on('close', () => process.exit(0));

function send(message: WorkerMessage): void {
  if (host.destroyed) return;
  // A result's JSON goes as the frame's body: not escaped into the header and parsed twice.
  if (message.type === 'result' && message.ok) {
    writeFrame(host, 3, encodeFrame({ type: 'result', callId: message.callId, ok: true }, message.value));
  } else writeFrame(host, 3, encodeFrame(message));
}

function pathsJson(paths: unknown): string {
  return Array.isArray(paths) && paths.length > 0 ? JSON.stringify(paths) : '';
}

const runner = createCallRunner(send, Number(process.argv[2]) || 32, Number(process.argv[3]) || undefined);

const feed = frameReader(
  (raw, body) => {
    const message = raw as HostMessage;
    if (message === null || typeof message !== 'object') return;
    if (message.type === 'invoke') {
      const config: ConfigPayload =
        message.configFormat === 'json'
          ? { json: body.toString('utf8'), undefinedPaths: pathsJson(message.undefinedPaths) }
          : { value: deserialize(body) };
      void runner.invoke(message, config);
    } else if (message.type === 'cancel') runner.cancel(message.callId);
    else if (message.type === 'capability-result') runner.answer(message);
  },
  () => process.exit(0),
  true,
);

send({ type: 'ready' });
