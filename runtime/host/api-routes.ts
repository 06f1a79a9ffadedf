/** Every route of the API, in one list: the router and the OpenAPI document are built from it. */
import { registryRoutes } from '../../registry/registry.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { apiKeyRoutes } from './auth/api-keys.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { healthRoutes } from './health.routes.ts';
import type { RouteDef } from './http/define-route.ts';
import { routerRoutes } from './llm/routers.routes.ts';
import { runRoutes } from './runs/runs.routes.ts';
import { secretRoutes } from './secrets/secrets.routes.ts';
import { invitationRoutes } from './tenancy/invitations.routes.ts';
import { memberRoutes } from './tenancy/members.routes.ts';
import { workflowRoutes } from './workflows/workflows.routes.ts';

/** All routes. */
export function apiRoutes(): RouteDef[] {
  return [
    ...healthRoutes,
    ...authRoutes,
    ...memberRoutes,
    ...invitationRoutes,
    ...apiKeyRoutes,
    ...secretRoutes,
    ...auditRoutes,
    ...workflowRoutes,
    ...runRoutes,
    ...registryRoutes,
    ...routerRoutes,
  ];
}
