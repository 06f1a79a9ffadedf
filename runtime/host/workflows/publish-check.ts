/**
 * A version can be saved while it is still being built, but it is published only when it would
 * run: every node resolves to a plugin the tenant has, every sub-workflow exists, the graph holds
 * together. Refusals list every problem with line and column, as `flow validate` does.
 */

import semver from 'semver';
import type { CatalogEntry } from '../../../registry/plugin-catalog.ts';
import { parseUses } from '../../../registry/resolve-version.ts';
import { checkWorkflow } from '../../workflow/check-workflow.ts';
import { UserError } from '../../workflow/errors.ts';

/** What the check may look up: the tenant's plugins and its workflow ids. */
export interface PublishContext {
  plugins: CatalogEntry[];
  workflowIds: ReadonlySet<string>;
}

/** Throws 422 `not-publishable` with every error when `yaml` would not run for this tenant. */
export function assertPublishable(yaml: string, file: string, context: PublishContext): void {
  const manifestFor = (uses: string) => {
    const { id, range } = parseUses(uses);
    const candidates = context.plugins.filter((p) => p.id === id);
    const version = semver.maxSatisfying(
      candidates.map((c) => c.version),
      range,
      { includePrerelease: true },
    );
    return candidates.find((c) => c.version === version)?.manifest;
  };
  const checked = checkWorkflow(yaml, file, {
    manifestFor,
    workflowExists: (ref) => context.workflowIds.has(ref.replace(/\.ya?ml$/, '').replace(/^.*\//, '')),
  });
  const problems = checked.problems.filter((p) => p.severity === 'error');
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new UserError(
    'not-publishable',
    `this version cannot be published: ${problems.length} problem(s), first at line ${first.line}, column ${first.column}: ${first.message}`,
    { problems },
    422,
  );
}
