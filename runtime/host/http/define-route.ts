/**
 * One route, described as data: the router, the permission check, the input validation and the
 * OpenAPI document are all built from this single definition.
 */
import type { Context } from 'koa';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuthContext } from '../auth/auth-context.ts';
import type { Action } from '../auth/permissions.ts';
import type { HostServices } from '../host-services.ts';

/** A JSON Schema object (2020-12). */
export type Schema = Record<string, unknown>;

/** HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler receives: validated input, the caller, and a way into the tenant's data. */
export interface RouteInput<B = any, Q = any> {
  params: Record<string, string>;
  query: Q;
  body: B;
  ctx: Context;
  services: HostServices;
  db: Kysely<Database>;
  /** The signed-in caller; present on every route that is not `public`. */
  auth: AuthContext;
  /** Runs `fn` in a transaction bound to the caller's tenant (row level security applies). */
  tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/** What a handler returns: a status (default 200) and a JSON body. */
export interface RouteResult {
  status?: number;
  body?: unknown;
}

/** A response the route may give, by status. */
export interface ResponseSpec {
  description: string;
  schema?: Schema;
}

/** A route definition. `permission: 'public'` routes skip sign-in. */
export interface RouteDef<B = any, Q = any> {
  method: Method;
  /** Koa-style path, e.g. `/api/workflows/:id`. */
  path: string;
  summary: string;
  tag: string;
  permission: Action | 'public' | 'signed-in';
  params?: Record<string, Schema>;
  query?: Schema;
  body?: Schema;
  responses: Record<number, ResponseSpec>;
  handler(input: RouteInput<B, Q>): Promise<RouteResult>;
}

/** Identity helper that keeps a route's body/query types. */
export function defineRoute<B = any, Q = any>(route: RouteDef<B, Q>): RouteDef<B, Q> {
  return route;
}
