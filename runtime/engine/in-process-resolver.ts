/**
 * Resolves `uses:` strings against plugins loaded in this process (tests, the CLI, trusted built-ins):
 * the highest version that satisfies the range wins.
 */
import semver from 'semver';
import { parseUses } from '../../registry/resolve-version.ts';
import type { Plugin, PluginResolver, ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { FlowError, UserError } from '../workflow/errors.ts';

/** `scope/name@range` as { id, range }; one grammar for the registry and the engine. */
export { parseUses };

// To a caller resolving a plugin, a reference that names no version is a plugin that is not there.
function parseReference(uses: string): { id: string; range: string } {
  try {
    return parseUses(uses);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError('plugin-not-found', `plugin '${uses}' not found: ${error.message}`, {
      uses,
      available: [],
    });
  }
}

function toResolved(plugin: Plugin): ResolvedPlugin {
  const { manifest } = plugin;
  return {
    manifest,
    sha256: `builtin:${manifest.id}@${manifest.version}`,
    async invoke(config, ctx) {
      if (!('run' in plugin)) {
        throw new FlowError(
          'not-a-node',
          `plugin '${manifest.id}' is a ${manifest.kind} plugin; it cannot be used as a workflow node`,
        );
      }
      return plugin.run(config, ctx);
    },
  };
}

/** A resolver over a fixed list of plugins. Unknown ids and unsatisfied ranges throw `plugin-not-found`. */
export function createInProcessResolver(plugins: Plugin[]): PluginResolver {
  const byId = new Map<string, Map<string, ResolvedPlugin>>();
  for (const plugin of plugins) {
    const versions = byId.get(plugin.manifest.id) ?? new Map<string, ResolvedPlugin>();
    versions.set(plugin.manifest.version, toResolved(plugin));
    byId.set(plugin.manifest.id, versions);
  }
  const chosen = new Map<string, ResolvedPlugin>();
  return (uses) => {
    const known = chosen.get(uses);
    if (known) return known;
    const { id, range } = parseReference(uses);
    const versions = byId.get(id);
    if (!versions) {
      throw new UserError('plugin-not-found', `plugin '${uses}' not found: no plugin '${id}' is available`, {
        uses,
        available: [],
      });
    }
    const best = semver.maxSatisfying([...versions.keys()], range);
    if (best === null) {
      const available = semver.sort([...versions.keys()]);
      throw new UserError(
        'plugin-not-found',
        `plugin '${uses}' not found: no version of '${id}' satisfies '${range}' (available: ${available.join(', ')})`,
        { uses, available },
      );
    }
    const resolved = versions.get(best)!;
    chosen.set(uses, resolved);
    return resolved;
  };
}
