/**
 * Groups requests by their features (length, intent, language, tenant) so a router can learn that,
 * say, a small model is enough for short English questions but not for long legal ones.
 */
import type { RouteRequest } from '../../registry/sdk/plugin.ts';

/** The request features a router can bucket on. */
export type ContextFeature = 'length' | 'intent' | 'language' | 'tenant';

/** All bucketable features, for manifests. */
export const CONTEXT_FEATURES: ContextFeature[] = ['length', 'intent', 'language', 'tenant'];

/** Names a length: `short` below the first limit, `medium` below the second, else `long`. */
export function lengthBucket(length: number, limits: [number, number]): string {
  if (length < limits[0]) return 'short';
  if (length < limits[1]) return 'medium';
  return 'long';
}

/** The bucket key for these features, e.g. `intent=billing|length=short`; `*` when none are used. */
export function bucketKey(
  features: RouteRequest['features'],
  use: ContextFeature[],
  lengthLimits: [number, number],
): string {
  if (use.length === 0) return '*';
  const parts = [...use].sort().map((feature) => {
    if (feature === 'length') {
      const length = features?.length;
      return `length=${typeof length === 'number' ? lengthBucket(length, lengthLimits) : 'unknown'}`;
    }
    const value = features?.[feature];
    return `${feature}=${typeof value === 'string' && value !== '' ? value.toLowerCase() : 'unknown'}`;
  });
  return parts.join('|');
}
