/**
 * Length-prefixed frames for the socket between the host and a sandbox worker process:
 * `[u32 LE rest][u32 LE header bytes][header JSON][body bytes]`. One frame is one Buffer, written
 * with one syscall. The body carries a call's config (JSON text or V8 structured-clone bytes), so a
 * 1 KB config is neither escaped inside JSON nor cloned twice. Node's IPC channel did the same job
 * at about twice the latency (a JS structured-clone serializer on each side of every hop).
 */
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';

/** The largest frame either side accepts; a longer one means the other side is not behaving. */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

/** One frame: `header` as JSON, `body` (a string is written as UTF-8) after it. */
export function encodeFrame(header: object, body?: string | Uint8Array): Buffer {
  const json = JSON.stringify(header);
  const jsonBytes = Buffer.byteLength(json);
  const bodyBytes = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const frame = Buffer.allocUnsafe(8 + jsonBytes + bodyBytes);
  frame.writeUInt32LE(4 + jsonBytes + bodyBytes, 0);
  frame.writeUInt32LE(jsonBytes, 4);
  frame.write(json, 8, jsonBytes, 'utf8');
  if (typeof body === 'string') frame.write(body, 8 + jsonBytes, bodyBytes, 'utf8');
  else if (body) frame.set(body, 8 + jsonBytes);
  return frame;
}

/**
 * Writes `frame` to `socket`. When nothing is queued it goes straight to the socket's descriptor
 * `fd`: one syscall, without the stream machinery (a few µs per frame on each side); whatever the
 * kernel does not take at once (a large module, a full buffer) follows through the stream, in order.
 * A broken socket is destroyed with the error, as the stream would.
 */
export function writeFrame(socket: Socket, fd: number, frame: Buffer): void {
  let rest = frame;
  if (fd >= 0 && socket.writableLength === 0 && !socket.destroyed) {
    try {
      const written = writeSync(fd, frame);
      if (written === frame.length) return;
      rest = frame.subarray(written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        socket.destroy(error as Error);
        return;
      }
    }
  }
  socket.write(rest);
}

/**
 * Calls `onFrame` with each complete frame read from `socket` (header parsed, body as a Buffer
 * view) and `onBad` once if a frame is malformed or oversized; nothing is read after that.
 */
export function readFrames(
  socket: Socket,
  onFrame: (header: unknown, body: Buffer) => void,
  onBad: (reason: string) => void,
): void {
  socket.on('data', frameReader(onFrame, onBad, false));
}

/**
 * The same parser, fed chunk by chunk. With `reusedChunks` each chunk is a view into a buffer the
 * caller reuses for the next read (a socket's `onread` option: no allocation and no stream machinery
 * per read), so whatever must outlive the call is copied, and `body` is valid only during `onFrame`.
 */
export function frameReader(
  onFrame: (header: unknown, body: Buffer) => void,
  onBad: (reason: string) => void,
  reusedChunks: boolean,
): (chunk: Buffer) => void {
  // A partial frame's chunks, joined once the whole frame is in (a large module arrives in many reads).
  let parts: Buffer[] = [];
  let partBytes = 0;
  let needed = 0;
  let bad = false;
  return (chunk: Buffer) => {
    if (bad) return;
    let data = chunk;
    if (parts.length > 0) {
      parts.push(reusedChunks ? Buffer.from(chunk) : chunk);
      partBytes += chunk.length;
      if (partBytes < needed) return;
      data = Buffer.concat(parts, partBytes);
      parts = [];
      partBytes = 0;
    }
    while (data.length >= 4) {
      const rest = data.readUInt32LE(0);
      if (rest < 4 || rest > MAX_FRAME_BYTES) return fail(`a frame of ${rest} bytes`);
      if (data.length < 4 + rest) break;
      const jsonBytes = data.readUInt32LE(4);
      if (jsonBytes > rest - 4) return fail('a frame header longer than its frame');
      let header: unknown;
      try {
        header = JSON.parse(data.toString('utf8', 8, 8 + jsonBytes));
      } catch {
        return fail('a frame header that is not JSON');
      }
      const body = data.subarray(8 + jsonBytes, 4 + rest);
      data = data.subarray(4 + rest);
      onFrame(header, body);
      if (bad) return;
    }
    if (data.length > 0) {
      // Copied: the stream may reuse a chunk's memory after this callback.
      parts = [Buffer.from(data)];
      partBytes = data.length;
      needed = data.length >= 4 ? 4 + data.readUInt32LE(0) : 4;
    }
  };
  function fail(reason: string): void {
    bad = true;
    parts = [];
    onBad(reason);
  }
}
