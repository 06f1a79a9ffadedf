/** Types for koa-static (the package ships none). */
declare module 'koa-static' {
  import type { Middleware } from 'koa';

  function serve(
    root: string,
    options?: { index?: string | false; maxage?: number; gzip?: boolean; brotli?: boolean; defer?: boolean },
  ): Middleware;
  export default serve;
}
