import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../api-routes.ts';
import { buildOpenApi, openApiPath } from './openapi.ts';

describe('OpenAPI document', () => {
  const routes = apiRoutes();
  const doc = buildOpenApi(routes, { title: 't', version: '1' }) as {
    paths: Record<
      string,
      Record<string, { operationId: string; parameters: { name: string; in: string }[] }>
    >;
  };

  it('has an operation for every route, with every path parameter declared', () => {
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      const declared = op!.parameters
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared).toEqual([...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort());
    }
  });

  it('gives every operation a unique id', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
