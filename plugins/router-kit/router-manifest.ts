/** The manifest fields every router shares, so each router states only what makes it different. */
import type { RouterPlugin } from '../../registry/sdk/plugin.ts';
import { manifestOf, type PluginDescription } from './plugin-description.ts';
import { routeSchema } from './route.ts';

/** A router manifest: kind `router` in the Routing palette, Route as outputs, no permissions unless asked. */
export function routerManifest(router: PluginDescription): RouterPlugin['manifest'] {
  return manifestOf({ kind: 'router', category: 'Routing', outputs: routeSchema }, router);
}
