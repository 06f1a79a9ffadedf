/** Gives every request an id (kept from `x-request-id` when sane) and a child logger. */
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** Sets `ctx.state.requestId` and `ctx.state.log`, and echoes the id in `x-request-id`. */
export function requestId(logger: Logger): Middleware {
  return async function requestIdMiddleware(ctx, next) {
    const given = ctx.get('x-request-id');
    const id = /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ requestId: id });
    ctx.set('x-request-id', id);
    await next();
  };
}
