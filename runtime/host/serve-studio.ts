/** Serves the built studio (dist/studio) and answers unknown page paths with its index.html. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** Middleware for the built studio, or none when it has not been built. */
export function serveStudio(studioDir: string): Middleware[] {
  const index = path.join(studioDir, 'index.html');
  if (!existsSync(index)) return [];
  return [
    serve(studioDir, { maxage: 0 }),
    async function studioPages(ctx, next) {
      await next();
      // Client-side routes (/runs/123) are pages of the single-page app, not files.
      if (
        ctx.method === 'GET' &&
        ctx.status === 404 &&
        ctx.body === undefined &&
        !ctx.path.startsWith('/api') &&
        !ctx.path.startsWith('/socket.io')
      ) {
        ctx.type = 'html';
        ctx.body = await readFile(index, 'utf8');
      }
    },
  ];
}
