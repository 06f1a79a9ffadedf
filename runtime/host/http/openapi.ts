/** The OpenAPI 3.1 document, built from the same route definitions the router uses. */
import type { RouteDef, Schema } from './define-route.ts';

/** `/api/runs/:id` → `/api/runs/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/** Builds the document. */
export function buildOpenApi(
  routes: RouteDef[],
  info: { title: string; version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(route.params ?? {}))
      parameters.push({ name, in: 'path', required: true, schema });
    const query = route.query as { properties?: Record<string, Schema>; required?: string[] } | undefined;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema });
    }
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, spec]) => [
        status,
        spec.schema
          ? { description: spec.description, content: { 'application/json': { schema: spec.schema } } }
          : { description: spec.description },
      ]),
    );
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${openApiPath(route.path)
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      security: route.permission === 'public' ? [] : [{ session: [] }, { apiKey: [] }],
      'x-permission': route.permission,
    };
    if (route.body)
      operation.requestBody = { required: true, content: { 'application/json': { schema: route.body } } };
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'flow_session',
          description: 'Unsafe methods also need the x-csrf-token header.',
        },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'fs_...' },
      },
    },
  };
}
