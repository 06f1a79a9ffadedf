/** Validation every router runs on a request before choosing. */

import type { RouteRequest, RouterArm } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** Returns the request's arms, or throws when there are none or two share an id. */
export function checkArms(pluginId: string, request: RouteRequest): RouterArm[] {
  const arms = request?.arms;
  if (!Array.isArray(arms) || arms.length === 0) {
    throw new UserError('no-arms', `${pluginId}: the request lists no arms (models) to choose from`);
  }
  const seen = new Set<string>();
  for (const arm of arms) {
    if (!arm || typeof arm.id !== 'string' || arm.id === '') {
      throw new UserError('invalid-arm', `${pluginId}: every arm needs a non-empty id`);
    }
    if (seen.has(arm.id)) throw new UserError('invalid-arm', `${pluginId}: arm '${arm.id}' is listed twice`);
    seen.add(arm.id);
  }
  return arms;
}
