/**
 * Finds the router, judge and provider plugins a routed LLM call names. They run in the host (they
 * are pure functions over JSON, or go through the capabilities built here), so only in-process
 * plugins qualify: the built-ins, or whatever list the host was given.
 */
import semver from 'semver';
import type { JudgePlugin, Plugin, ProviderPlugin, RouterPlugin } from '../../../registry/sdk/plugin.ts';
import { parseUses } from '../../engine/in-process-resolver.ts';
import { UserError } from '../../workflow/errors.ts';

/** The plugin kinds a routed call uses, by kind name. */
interface ByKind {
  router: RouterPlugin;
  judge: JudgePlugin;
  provider: ProviderPlugin;
}

/** The highest version of `uses` (`scope/name@range`) of the wanted kind, or a clear error. */
export function findStrategyPlugin<K extends keyof ByKind>(
  plugins: readonly Plugin[],
  uses: string,
  kind: K,
  where: string,
): ByKind[K] {
  const { id, range } = parseUses(uses);
  const candidates = plugins.filter((p) => p.manifest.id === id);
  if (candidates.length === 0)
    throw new UserError('plugin-not-found', `${where}: no ${kind} plugin '${id}' is available`, { uses });
  const ofKind = candidates.filter((p) => p.manifest.kind === kind);
  if (ofKind.length === 0)
    throw new UserError(
      'wrong-plugin-kind',
      `${where}: '${id}' is a ${candidates[0]!.manifest.kind} plugin, not a ${kind}`,
      { uses },
    );
  const best = semver.validRange(range)
    ? semver.maxSatisfying(
        ofKind.map((p) => p.manifest.version),
        range,
      )
    : null;
  const chosen = ofKind.find((p) => p.manifest.version === best);
  if (!chosen)
    throw new UserError(
      'plugin-not-found',
      `${where}: no version of '${id}' satisfies '${range}' (available: ${ofKind.map((p) => p.manifest.version).join(', ')})`,
      { uses },
    );
  return chosen as unknown as ByKind[K];
}
