/** The manifest fields every router shares, so each router states only what makes it different. */
import type { JsonSchema, RouterPlugin } from '../../registry/sdk/plugin.ts';
import { routeSchema } from './route.ts';

/** What differs from one router's manifest to the next. */
export interface RouterDescription {
  id: string;
  version: string;
  title: string;
  description: string;
  icon: string;
  config: JsonSchema;
}

/** A router manifest: kind `router` in the Routing palette, Route as outputs, no permissions. */
export function routerManifest(router: RouterDescription): RouterPlugin['manifest'] {
  const { id, version, title, description, icon, config } = router;
  return {
    id,
    version,
    kind: 'router',
    title,
    description,
    category: 'Routing',
    icon,
    config,
    outputs: routeSchema,
    permissions: {},
  };
}
