/**
 * Live run traces over socket.io: a client signed in with its session cookie (or an API key in
 * `auth.token`) emits `run:watch {runId}`; after a tenant check it gets the stored events, then
 * every new one, as `trace` events. One room per run.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { withTenant } from '../../db/with-tenant.ts';
import type { TraceEvent } from '../../engine/types.ts';
import { type AuthContext, allows } from '../auth/auth-context.ts';
import { fromApiKey, fromSession } from '../auth/authenticate.middleware.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { HostServices } from '../host-services.ts';
import { runEvents } from '../runs/runs.routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The event names (the studio uses the same ones). */
export const LIVE_EVENTS = { watch: 'run:watch', unwatch: 'run:unwatch', trace: 'trace' } as const;

/** An acknowledgement: ok with the run's status, or an error like the HTTP API's. */
type Ack = (
  answer: { ok: true; status: string } | { ok: false; error: { code: string; message: string } },
) => void;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Attaches socket.io to `server` and streams run events to watchers. Returns the socket.io server. */
export function attachLiveTrace(server: HttpServer, services: HostServices): Server {
  const io = new Server(server, { serveClient: false, cors: { origin: false } });
  io.use(async (socket, next) => {
    try {
      const token =
        typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      const cookie = cookieValue(socket.request.headers.cookie, SESSION_COOKIE);
      const result = token
        ? await fromApiKey(services, token)
        : cookie
          ? await fromSession(services, cookie)
          : 'sign in required';
      if (typeof result === 'string') return next(new Error(result));
      socket.data.auth = result;
      next();
    } catch (error) {
      services.logger.error({ err: error }, 'socket authentication failed');
      next(new Error('could not check your credentials'));
    }
  });

  io.on('connection', (socket) => {
    const auth = socket.data.auth as AuthContext;
    socket.on(LIVE_EVENTS.watch, async (message: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      const runId = (message as { runId?: unknown } | null)?.runId;
      if (typeof runId !== 'string' || !UUID.test(runId))
        return reply({
          ok: false,
          error: { code: 'invalid-request', message: 'runId must be a run id (uuid)' },
        });
      if (!allows(auth, 'runs:read'))
        return reply({ ok: false, error: { code: 'forbidden', message: 'you may not read runs' } });
      // Events stored while we read the history are held here, so the client sees every seq in order.
      const held: TraceEvent[] = [];
      const stopHolding = services.runs.onEvent((_t, event) => {
        if (event.runId === runId) held.push(event);
      });
      try {
        const run = await withTenant(services.db, auth.tenantId, async (trx) => {
          const row = await trx
            .selectFrom('runs')
            .select('status')
            .where('id', '=', runId)
            .executeTakeFirst();
          return row && { status: row.status, events: await runEvents(trx, runId) };
        });
        if (!run) {
          stopHolding();
          return reply({ ok: false, error: { code: 'not-found', message: `run '${runId}' not found` } });
        }
        let last = 0;
        for (const event of run.events) {
          socket.emit(LIVE_EVENTS.trace, event);
          last = event.seq;
        }
        // From here to the end of this block nothing awaits: no event can slip between the history and the room.
        void socket.join(`run:${runId}`);
        stopHolding();
        for (const event of held) if (event.seq > last) socket.emit(LIVE_EVENTS.trace, event);
        reply({ ok: true, status: run.status });
      } catch (error) {
        stopHolding();
        services.logger.error({ err: error, runId }, 'could not start watching a run');
        reply({ ok: false, error: { code: 'internal', message: 'could not watch this run' } });
      }
    });
    socket.on(LIVE_EVENTS.unwatch, (message: unknown) => {
      const runId = (message as { runId?: unknown } | null)?.runId;
      if (typeof runId === 'string') void socket.leave(`run:${runId}`);
    });
  });

  const unsubscribe = services.runs.onEvent((_tenantId, event) => {
    io.to(`run:${event.runId}`).emit(LIVE_EVENTS.trace, event);
  });
  server.on('close', unsubscribe);
  return io;
}
