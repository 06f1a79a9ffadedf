import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/api-client.ts';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { oneNodeYaml, testResolver } from '../../../test/support/test-plugins.ts';
import type { TraceEvent } from '../../engine/types.ts';
import { attachLiveTrace } from './live-trace.socket.ts';

let host: TestHost;
const sockets: Socket[] = [];
beforeAll(async () => {
  host = await startTestHost({
    resolverFor: testResolver,
    hook: (app, server) => attachLiveTrace(server, app.services),
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await host.close();
});

/** A socket.io client sending the browser's cookies. */
function socketFor(client: ApiClient, auth?: Record<string, string>): Socket {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const socket = connect(host.url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth,
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

const watch = (socket: Socket, runId: string) => socket.timeout(5000).emitWithAck('run:watch', { runId });

describe('live run traces', () => {
  it('streams stored and new events of a run to a member of its tenant', async () => {
    const owner = await host.signUp('live');
    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('pause', 'test/wait@^1', '{ ms: 300 }') });
    const started = await owner.client.post('/api/runs', { workflowId: 'pause' });
    const socket = socketFor(owner.client);
    const events: TraceEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      socket.on('trace', (e: TraceEvent) => {
        events.push(e);
        if (e.type === 'run.completed') resolve();
      }),
    );
    expect(await watch(socket, started.body.runId)).toMatchObject({ ok: true });
    await finished;
    const seqs = [...new Set(events.map((e) => e.seq))];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(events.some((e) => e.type === 'node.completed' && e.nodeId === 'step')).toBe(true);
  });

  it("refuses to stream another tenant's run", async () => {
    const owner = await host.signUp('live-owner');
    const stranger = await host.signUp('live-stranger');
    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('pause', 'test/wait@^1', '{ ms: 200 }') });
    const started = await owner.client.post('/api/runs', { workflowId: 'pause' });
    const socket = socketFor(stranger.client);
    const seen: TraceEvent[] = [];
    socket.on('trace', (e: TraceEvent) => seen.push(e));
    expect(await watch(socket, started.body.runId)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toEqual([]);
  });

  it('accepts an API key and refuses a connection without credentials', async () => {
    const owner = await host.signUp('live-key');
    const key = await owner.client.post('/api/api-keys', { name: 'watcher', scopes: ['runs:read'] });
    await owner.client.post('/api/workflows', { yaml: oneNodeYaml('quick', 'test/wait@^1', '{ ms: 1 }') });
    const run = await owner.client.post('/api/runs', { workflowId: 'quick', wait: true });
    const keyed = socketFor(host.client(), { token: key.body.key });
    expect(await watch(keyed, run.body.runId)).toMatchObject({ ok: true, status: 'completed' });
    const anonymous = socketFor(host.client());
    const error = await new Promise<Error>((resolve) => anonymous.on('connect_error', resolve));
    expect(error.message).toBe('sign in required');
  });
});
