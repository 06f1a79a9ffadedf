/**
 * The one place errors become HTTP responses: user errors keep their status and message, anything
 * else is a 500 with a request id (details go to the log, never to the client).
 */
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { UserError } from '../../workflow/errors.ts';

/** Maps a PostgreSQL error the input caused (bad value, duplicate) to a user error; undefined otherwise. */
function fromDatabase(error: { code?: string; detail?: string; constraint?: string }): UserError | undefined {
  switch (error.code) {
    case '23505':
      return new UserError(
        'conflict',
        `already exists${error.constraint ? ` (${error.constraint})` : ''}`,
        {},
        409,
      );
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '23514':
      return new UserError('bad-request', 'a value in the request is not valid for its field', {}, 400);
    default:
      return undefined;
  }
}

/** Maps errors thrown by Koa's own middleware (body parser: 400/413/415) that say what went wrong. */
function fromHttp(error: {
  status?: number;
  expose?: boolean;
  message?: string;
  name?: string;
}): UserError | undefined {
  if (typeof error.status !== 'number' || error.status < 400 || error.status >= 500) return undefined;
  if (error.name === 'SyntaxError')
    return new UserError('invalid-json', `the request body is not valid JSON: ${error.message}`, {}, 400);
  const code =
    error.status === 413 ? 'too-large' : error.status === 415 ? 'unsupported-media-type' : 'bad-request';
  return new UserError(
    code,
    error.expose && error.message ? error.message : `the request was refused (HTTP ${error.status})`,
    {},
    error.status,
  );
}

/** Gives Koa's own plain-text API answers (404 no route, 405 wrong method) the JSON error shape. */
function jsonifyPlainError(ctx: Context): void {
  // Outside /api only GET/HEAD are served (the studio); any other unmatched request is an API call.
  const apiCall = ctx.path.startsWith('/api') || (ctx.method !== 'GET' && ctx.method !== 'HEAD');
  if (!apiCall || ctx.status < 400) return;
  const body = ctx.body as { error?: unknown } | undefined;
  if (body && typeof body === 'object' && 'error' in body) return;
  const code = ctx.status === 404 ? 'not-found' : ctx.status === 405 ? 'method-not-allowed' : 'bad-request';
  const message =
    ctx.status === 404
      ? `no route ${ctx.method} ${ctx.path}`
      : ctx.status === 405
        ? `${ctx.method} is not allowed on ${ctx.path}`
        : `the request was refused (HTTP ${ctx.status})`;
  const status = ctx.status;
  ctx.body = { error: { code, message, details: {} } };
  ctx.status = status;
}

/** Error-mapping middleware; mount it first. */
export function errorHandler(logger: Logger): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      jsonifyPlainError(ctx);
    } catch (caught) {
      const error = caught as Error & { code?: string; status?: number; expose?: boolean; name?: string };
      const userError = error instanceof UserError ? error : (fromDatabase(error) ?? fromHttp(error));
      const requestId = String(ctx.state.requestId ?? '');
      if (userError) {
        ctx.status = userError.status;
        ctx.body = {
          error: { code: userError.code, message: userError.message, details: userError.details },
        };
        if (userError.status === 429 && typeof userError.details.retryAfterSeconds === 'number') {
          ctx.set('retry-after', String(userError.details.retryAfterSeconds));
        }
        return;
      }
      (ctx.state.log ?? logger).error({ err: error, method: ctx.method, path: ctx.path }, 'unexpected error');
      ctx.status = 500;
      ctx.body = {
        error: {
          code: 'internal',
          message: `something went wrong on our side; quote request id ${requestId}`,
          details: {},
          requestId,
        },
      };
    }
  };
}
