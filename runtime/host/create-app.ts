/** The Koa application: middleware and every API route. No listen: callers own the server. */
import { bodyParser } from '@koa/bodyparser';
import Koa, { type Middleware } from 'koa';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.ts';
import { apiRoutes } from './api-routes.ts';
import { authenticate } from './auth/authenticate.middleware.ts';
import type { HostConfig } from './config.ts';
import { createHostServices, type HostServices } from './host-services.ts';
import type { RouteDef } from './http/define-route.ts';
import { errorHandler } from './http/error-handler.middleware.ts';
import { mountRoutes } from './http/mount-routes.ts';
import { buildOpenApi } from './http/openapi.ts';
import { requestId } from './http/request-id.middleware.ts';

/** Options for {@link createApp}. */
export interface CreateAppOptions {
  db: Kysely<Database>;
  config: HostConfig;
  logger?: Logger;
  /** Reuse services (the socket server shares them with the app). */
  services?: HostServices;
  /** Extra middleware after the API (e.g. the built studio's static files). */
  after?: Middleware[];
  /** More API routes (e.g. the plugin registry's), mounted and documented like the built-in ones. */
  extraRoutes?: RouteDef[];
}

/** A Koa app with its services attached (for sockets and shutdown). */
export type FlowApp = Koa & { services: HostServices; routes: RouteDef[] };

/** Builds the app. */
export function createApp(options: CreateAppOptions): FlowApp {
  const services = options.services ?? createHostServices(options);
  const app = new Koa({ proxy: services.config.trustProxy }) as FlowApp;
  app.services = services;
  app.silent = true; // errors are logged once, by errorHandler
  const routes = [...apiRoutes(), ...(options.extraRoutes ?? [])];
  app.routes = routes;
  const openapi = buildOpenApi(routes, { title: 'Flow Studio API', version: '0.1.0' });
  const router = mountRoutes(services, routes);
  router.get('/api/openapi.json', function openApiDocument(ctx) {
    ctx.body = openapi;
  });
  app.use(requestId(services.logger));
  app.use(errorHandler(services.logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  app.use(authenticate(services));
  app.use(router.routes());
  app.use(router.allowedMethods());
  for (const m of options.after ?? []) app.use(m);
  return app;
}
