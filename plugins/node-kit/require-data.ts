/** The check a node plugin that works on the tenant's own tables makes before touching them. */
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** A context whose run was granted tenant table access. */
export type DataContext = NodeContext & { data: NonNullable<NodeContext['data']> };

/** Throws a user error naming plugin `id` unless this run grants tenant data access (permissions.data). */
export function requireData(id: string, ctx: NodeContext): asserts ctx is DataContext {
  if (!ctx.data)
    throw new UserError('missing-capability', `${id}: tenant data access (permissions.data) is not granted`);
}
