import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, readFrames } from './frames.ts';

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
