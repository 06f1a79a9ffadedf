/** JSON Schema building blocks shared by route definitions and the OpenAPI document. */
import type { Schema } from './define-route.ts';

/** The body of every error response. */
export const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object' },
        requestId: { type: 'string' },
      },
    },
  },
};

/** A UUID path parameter or field. */
export const uuid: Schema = { type: 'string', format: 'uuid' };
/** A timestamp as ISO-8601 text. */
export const timestamp: Schema = { type: 'string', format: 'date-time' };
/** A nullable timestamp. */
export const nullableTimestamp: Schema = { type: ['string', 'null'], format: 'date-time' };
/** A member role. */
export const role: Schema = { type: 'string', enum: ['owner', 'admin', 'builder', 'viewer'] };
/** An email address. */
export const email: Schema = { type: 'string', format: 'email', maxLength: 254 };
/** What a workflow id (slug) may be: the database checks the same pattern. */
export const WORKFLOW_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** A workflow id (slug). */
export const workflowId: Schema = { type: 'string', pattern: WORKFLOW_ID.source };

/** An object schema where every listed property is required and nothing else is allowed. */
export function strictObject(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

/** An array of `items`. */
export function arrayOf(items: Schema): Schema {
  return { type: 'array', items };
}

/** Shortcut for a success response with a schema. */
export function ok(description: string, schema: Schema) {
  return { description, schema };
}

/** Standard error responses added to a route's list. */
export function errors(...statuses: number[]) {
  const names: Record<number, string> = {
    400: 'the request is malformed',
    401: 'sign in required',
    403: 'not allowed for this role or key',
    404: 'not found (or belongs to another tenant)',
    409: 'conflict',
    422: 'the workflow is invalid',
    429: 'too many attempts',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: names[s] ?? 'error', schema: errorSchema }]),
  );
}
