import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, frameReader, readFrames } from './frames.ts';

let client: Socket;
let server: Socket;
const listener = createServer();

beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'frames-')), 'sock');
  listener.listen(path);
  await once(listener, 'listening');
  client = createConnection(path);
  [server] = (await once(listener, 'connection')) as [Socket];
});
afterAll(() => {
  client.destroy();
  listener.close();
});

function collect(socket: Socket, count: number): Promise<Array<{ header: unknown; body: string }>> {
  const frames: Array<{ header: unknown; body: string }> = [];
  return new Promise((resolve, reject) => {
    socket.removeAllListeners('data');
    readFrames(
      socket,
      (header, body) => {
        frames.push({ header, body: body.toString('utf8') });
        if (frames.length === count) resolve(frames);
      },
      reject,
    );
  });
}

describe('frames', () => {
  it('delivers each message whole, however the bytes are split on the way', async () => {
    const got = collect(server, 3);
    const bytes = Buffer.concat([
      encodeFrame({ type: 'result', callId: 1, ok: true }, '{"total":975,"note":"héllo ✓"}'),
      encodeFrame({ type: 'cancel', callId: 2 }),
      encodeFrame({ type: 'invoke', text: 'x'.repeat(70_000) }, Buffer.from([0x7b, 0x7d])),
    ]);
    for (let at = 0; at < bytes.length; at += 997) {
      client.write(bytes.subarray(at, at + 997));
      await new Promise((r) => setImmediate(r));
    }
    expect(await got).toEqual([
      { header: { type: 'result', callId: 1, ok: true }, body: '{"total":975,"note":"héllo ✓"}' },
      { header: { type: 'cancel', callId: 2 }, body: '' },
      { header: { type: 'invoke', text: 'x'.repeat(70_000) }, body: '{}' },
    ]);
  });

  it('reports a frame that claims an impossible length instead of waiting for it', async () => {
    const bad = new Promise<string>((resolve) => {
      server.removeAllListeners('data');
      readFrames(server, () => {}, resolve);
    });
    client.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
    expect(await bad).toMatch(/a frame of 4294967295 bytes/);
  });
});

describe('frameReader over a reused read buffer', () => {
  it('keeps a frame split across reads intact although the buffer is overwritten after each read', () => {
    const module = 'x'.repeat(200_000);
    const wire = Buffer.concat([
      encodeFrame({ type: 'invoke', n: 1 }, module),
      encodeFrame({ type: 'cancel' }),
    ]);
    const got: Array<{ header: unknown; body: string }> = [];
    const feed = frameReader(
      (header, body) => got.push({ header, body: body.toString('utf8') }),
      (reason) => got.push({ header: 'bad', body: reason }),
      true,
    );
    const reused = Buffer.alloc(65_536);
    for (let at = 0; at < wire.length; at += 50_000) {
      const bytes = wire.copy(reused, 0, at, Math.min(at + 50_000, wire.length));
      feed(reused.subarray(0, bytes));
      reused.fill(0); // what the next read would do to the chunk's memory
    }
    expect(got).toEqual([
      { header: { type: 'invoke', n: 1 }, body: module },
      { header: { type: 'cancel' }, body: '' },
    ]);
  });
});
