/**
 * Finds the router, judge and provider plugins a routed LLM call names, among what its tenant can
 * use: the built-ins (in-process), and installed versions and dev builds, whose code runs in the
 * sandbox (runtime/sandbox/sandboxed-strategy.ts) and whose methods therefore return promises.
 */
import semver from 'semver';
import type { JudgePlugin, Plugin, ProviderPlugin, RouterPlugin } from '../../../registry/sdk/plugin.ts';
import { parseUses } from '../../engine/in-process-resolver.ts';
import type { SandboxedStrategy } from '../../sandbox/sandboxed-strategy.ts';
import { UserError } from '../../workflow/errors.ts';

/** `fn` that may answer with a promise of what it returns. */
type MayAwait<F> = F extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : never;

/** A router the host can use: a built-in answers at once, a sandboxed one with a promise. */
export interface RouterStrategy {
  manifest: RouterPlugin['manifest'];
  choose: MayAwait<RouterPlugin['choose']>;
  learn: MayAwait<RouterPlugin['learn']>;
}

/** Where a strategy plugin came from; dev builds win over installed versions and built-ins. */
export type StrategyOrigin = 'dev' | 'installed' | 'builtin';

/** A plugin a routed call may name: a built-in, or a sandboxed strategy tagged with its origin. */
export type StrategyPlugin = Plugin | (SandboxedStrategy & { origin?: StrategyOrigin });

/** The plugin kinds a routed call uses, by kind name. */
interface ByKind {
  router: RouterStrategy;
  judge: JudgePlugin;
  provider: ProviderPlugin;
}

function isDev(plugin: StrategyPlugin): boolean {
  return 'origin' in plugin && plugin.origin === 'dev';
}

/**
 * The plugin `uses` (`scope/name@range`) names, of the wanted kind, as the engine resolves nodes: a
 * dev build that satisfies the range, else the highest satisfying version (earlier in the list on a
 * tie, so installed before built-in), or a clear error.
 */
export function findStrategyPlugin<K extends keyof ByKind>(
  plugins: readonly StrategyPlugin[],
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
  const valid = semver.validRange(range) !== null;
  const dev = ofKind.find(
    (p) => valid && isDev(p) && semver.satisfies(p.manifest.version, range, { includePrerelease: true }),
  );
  const rest = ofKind.filter((p) => !isDev(p));
  const best = valid
    ? semver.maxSatisfying(
        rest.map((p) => p.manifest.version),
        range,
      )
    : null;
  const chosen = dev ?? rest.find((p) => p.manifest.version === best);
  if (!chosen)
    throw new UserError(
      'plugin-not-found',
      `${where}: no version of '${id}' satisfies '${range}' (available: ${ofKind.map((p) => p.manifest.version).join(', ')})`,
      { uses },
    );
  return chosen as unknown as ByKind[K];
}
