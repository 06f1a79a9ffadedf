/** What a router's `choose` answers: the model to call, the ones to try next, and why. */
import type { RouterPlugin } from '../../registry/sdk/plugin.ts';

/** The answer of `choose`. */
export type Route = ReturnType<RouterPlugin['choose']>;

/** The JSON Schema of a Route, the `outputs` of every router manifest. */
export const routeSchema = {
  type: 'object',
  properties: {
    arm: { type: 'string' },
    fallbacks: { type: 'array', items: { type: 'string' } },
    explanation: { type: 'string' },
  },
};

/** Routes to `pick`; every other arm of `ranked` follows as a fallback, in rank order. */
export function routeTo(ranked: readonly { id: string }[], pick: { id: string }, explanation: string): Route {
  return { arm: pick.id, fallbacks: ranked.filter((r) => r.id !== pick.id).map((r) => r.id), explanation };
}
