/** Workflows and their versions in the tenant's transaction. Every save is a new version. */
import type { Selectable, Transaction } from 'kysely';
import type { Database, WorkflowTable } from '../../db/schema.ts';
import { NotFoundError, UserError } from '../../workflow/errors.ts';

type Trx = Transaction<Database>;

/** A workflow as the API shows it. `version` is the latest saved version. */
export interface WorkflowView {
  id: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One saved version. */
export interface VersionView {
  version: number;
  message: string;
  authorId: string | null;
  author: string | null;
  published: boolean;
  createdAt: Date;
  yaml?: string;
}

const toView = (r: Selectable<WorkflowTable>): WorkflowView => ({
  id: r.id,
  name: r.name,
  version: r.current_version,
  publishedVersion: r.published_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** All workflows, most recently changed first. */
export async function listWorkflows(trx: Trx): Promise<WorkflowView[]> {
  return (await trx.selectFrom('workflows').selectAll().orderBy('updated_at', 'desc').execute()).map(toView);
}

/** One workflow with the YAML of its latest version; 404 when absent (or another tenant's). */
export async function getWorkflow(trx: Trx, id: string): Promise<WorkflowView & { yaml: string }> {
  const row = await trx
    .selectFrom('workflows as w')
    .innerJoin('workflow_versions as v', (j) =>
      j.onRef('v.workflow_id', '=', 'w.id').onRef('v.version', '=', 'w.current_version'),
    )
    .selectAll('w')
    .select('v.yaml')
    .where('w.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('workflow', id);
  return { ...toView(row), yaml: row.yaml };
}

/** Stores one version's YAML exactly as written, with its author and message. */
async function insertVersion(
  trx: Trx,
  tenantId: string,
  workflowId: string,
  version: number,
  input: { yaml: string; message: string; authorId: string | null },
): Promise<void> {
  await trx
    .insertInto('workflow_versions')
    .values({
      tenant_id: tenantId,
      workflow_id: workflowId,
      version,
      yaml: input.yaml,
      author_id: input.authorId,
      message: input.message,
    })
    .execute();
}

/** Creates a workflow at version 1; 409 when the id exists. */
export async function createWorkflow(
  trx: Trx,
  tenantId: string,
  input: { id: string; name: string; yaml: string; message: string; authorId: string | null },
): Promise<WorkflowView> {
  const created = await trx
    .insertInto('workflows')
    .values({ tenant_id: tenantId, id: input.id, name: input.name, current_version: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!created)
    throw new UserError(
      'workflow-exists',
      `a workflow with id '${input.id}' already exists; change the id or save a new version of it`,
      { id: input.id },
      409,
    );
  await insertVersion(trx, tenantId, input.id, 1, input);
  return toView(created);
}

/**
 * Saves a new version on top of `baseVersion`. When someone saved in between, answers 409 with the
 * current version and its YAML so the studio can merge.
 */
export async function saveVersion(
  trx: Trx,
  tenantId: string,
  id: string,
  input: { yaml: string; name: string; baseVersion: number; message: string; authorId: string | null },
): Promise<WorkflowView> {
  const current = await trx
    .selectFrom('workflows')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new NotFoundError('workflow', id);
  if (current.current_version !== input.baseVersion) {
    const latest = await trx
      .selectFrom('workflow_versions')
      .select(['yaml', 'message', 'created_at'])
      .where('workflow_id', '=', id)
      .where('version', '=', current.current_version)
      .executeTakeFirstOrThrow();
    throw new UserError(
      'version-conflict',
      `version ${current.current_version} was saved after version ${input.baseVersion}, which your edit started from; merge and save again`,
      {
        current: {
          version: current.current_version,
          yaml: latest.yaml,
          message: latest.message,
          createdAt: latest.created_at,
        },
        baseVersion: input.baseVersion,
      },
      409,
    );
  }
  const version = current.current_version + 1;
  await insertVersion(trx, tenantId, id, version, input);
  const updated = await trx
    .updateTable('workflows')
    .set({ current_version: version, name: input.name, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(updated);
}

/** A workflow's versions with their authors' names, without YAML. */
const versionsOf = (trx: Trx, id: string) =>
  trx
    .selectFrom('workflow_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .select(['v.version', 'v.message', 'v.author_id', 'u.name as author', 'v.published', 'v.created_at'])
    .where('v.workflow_id', '=', id);

const toVersionView = (r: {
  version: number;
  message: string;
  author_id: string | null;
  author: string | null;
  published: boolean;
  created_at: Date;
}): VersionView => ({
  version: r.version,
  message: r.message,
  authorId: r.author_id,
  author: r.author,
  published: r.published,
  createdAt: r.created_at,
});

/** Every version, newest first, without YAML. */
export async function listVersions(trx: Trx, id: string): Promise<VersionView[]> {
  await getWorkflow(trx, id);
  return (await versionsOf(trx, id).orderBy('v.version', 'desc').execute()).map(toVersionView);
}

/** One version with its YAML exactly as written. */
export async function getVersion(
  trx: Trx,
  id: string,
  version: number,
): Promise<VersionView & { yaml: string }> {
  const r = await versionsOf(trx, id).select('v.yaml').where('v.version', '=', version).executeTakeFirst();
  if (!r) throw new NotFoundError('workflow version', `${id}@${version}`);
  return { ...toVersionView(r), yaml: r.yaml };
}

/** Marks `version` as the published one (the one deployments and API runs use by default); 404 when absent. */
export async function publishVersion(trx: Trx, id: string, version: number): Promise<WorkflowView> {
  const marked = await trx
    .updateTable('workflow_versions')
    .set({ published: true })
    .where('workflow_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (marked.numUpdatedRows === 0n) throw new NotFoundError('workflow version', `${id}@${version}`);
  await trx
    .updateTable('workflow_versions')
    .set({ published: false })
    .where('workflow_id', '=', id)
    .where('published', '=', true)
    .where('version', '!=', version)
    .execute();
  const updated = await trx
    .updateTable('workflows')
    .set({ published_version: version, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(updated);
}
