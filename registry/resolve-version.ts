/** Resolves `scope/name@range` against the versions a tenant has installed. */
import semver from 'semver';
import { UserError } from '../runtime/workflow/errors.ts';

// Validation parses every node's reference, and a workflow repeats a handful of them: remember a few.
const parsed = new Map<string, { id: string; range: string }>();
const MAX_REMEMBERED = 500;

/** `core/intent@^1` → { id: 'core/intent', range: '^1' }; a missing range means any version. */
export function parseUses(uses: string): { id: string; range: string } {
  const known = parsed.get(uses);
  if (known) return { ...known };
  const result = checkUses(uses);
  if (parsed.size >= MAX_REMEMBERED) parsed.clear();
  parsed.set(uses, result);
  return { ...result };
}

function checkUses(uses: string): { id: string; range: string } {
  const match = /^([a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*)(?:@(.+))?$/.exec(uses.trim());
  if (!match)
    throw new UserError('invalid-uses', `'${uses}' is not a plugin reference; expected scope/name@range`);
  const range = match[2] ?? '*';
  if (semver.validRange(range) === null) {
    throw new UserError('invalid-uses', `'${range}' is not a semver range (in '${uses}')`);
  }
  return { id: match[1]!, range };
}

/** The highest installed version satisfying the range, or a clear error listing what is installed. */
export function resolveVersion(uses: string, installed: readonly string[]): string {
  const { id, range } = parseUses(uses);
  const chosen = semver.maxSatisfying([...installed], range);
  if (chosen) return chosen;
  const have = installed.length > 0 ? `installed: ${installed.join(', ')}` : 'it is not installed';
  throw new UserError('plugin-not-found', `no version of ${id} satisfies '${range}' (${have})`, {
    uses,
    installed,
  });
}
