/** Workflow CRUD, versions, diffs and publishing. */
import { createTwoFilesPatch, structuredPatch } from 'diff';
import { NotFoundError, UserError } from '../../workflow/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { defineRoute, type RouteDef } from '../http/define-route.ts';
import { arrayOf, errors, ok, strictObject, timestamp, WORKFLOW_ID, workflowId } from '../http/schemas.ts';
import { checkWorkflowYaml } from './check-workflow-yaml.ts';
import { assertPublishable } from './publish-check.ts';
import {
  createWorkflow,
  getVersion,
  getWorkflow,
  listVersions,
  listWorkflows,
  publishVersion,
  saveVersion,
} from './workflow-store.ts';

const MAX_YAML = 1024 * 1024;
const yaml = { type: 'string', minLength: 1, maxLength: MAX_YAML };
const message = { type: 'string', maxLength: 500 };
const versionNumber = { type: 'integer', minimum: 1, maximum: 2147483647 };
const workflow = strictObject({
  id: { type: 'string' },
  name: { type: 'string' },
  version: { type: 'integer' },
  publishedVersion: { type: ['integer', 'null'] },
  createdAt: timestamp,
  updatedAt: timestamp,
});
const workflowWithYaml = strictObject({ ...(workflow.properties as object), yaml: { type: 'string' } });
const version = strictObject(
  {
    version: { type: 'integer' },
    message: { type: 'string' },
    authorId: { type: ['string', 'null'] },
    author: { type: ['string', 'null'] },
    published: { type: 'boolean' },
    createdAt: timestamp,
    yaml: { type: 'string' },
  },
  ['yaml'],
);

/** Routes under /api/workflows. */
export const workflowRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/workflows',
    tag: 'workflows',
    permission: 'workflows:read',
    summary: 'List workflows',
    responses: { 200: ok('workflows', strictObject({ workflows: arrayOf(workflow) })), ...errors(401, 403) },
    async handler({ tx }) {
      return { body: { workflows: await tx(listWorkflows) } };
    },
  }),

  defineRoute<{ yaml: string; message?: string }>({
    method: 'post',
    path: '/api/workflows',
    tag: 'workflows',
    permission: 'workflows:write',
    summary: 'Create a workflow from YAML (its `id` names it); version 1',
    body: strictObject({ yaml, message }, ['message']),
    responses: { 201: ok('created', workflowWithYaml), ...errors(400, 401, 403, 409, 422) },
    async handler({ body, auth, tx }) {
      const wf = checkWorkflowYaml(body.yaml, 'workflow.yaml');
      if (!WORKFLOW_ID.test(wf.id)) {
        throw new UserError(
          'invalid-workflow-id',
          `workflow id '${wf.id}' must be lowercase letters, digits, - or _ (at most 64)`,
          { id: wf.id },
          422,
        );
      }
      const created = await tx((trx) =>
        createWorkflow(trx, auth.tenantId, {
          id: wf.id,
          name: wf.name ?? wf.id,
          yaml: body.yaml,
          message: body.message ?? 'Created',
          authorId: auth.userId,
        }),
      );
      return { status: 201, body: { ...created, yaml: body.yaml } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/workflows/:id',
    tag: 'workflows',
    permission: 'workflows:read',
    summary: 'A workflow with the YAML of its latest version',
    params: { id: workflowId },
    responses: { 200: ok('the workflow', workflowWithYaml), ...errors(400, 401, 403, 404) },
    async handler({ params, tx }) {
      return { body: await tx((trx) => getWorkflow(trx, params.id!)) };
    },
  }),

  defineRoute<{ yaml: string; baseVersion: number; message?: string }>({
    method: 'put',
    path: '/api/workflows/:id',
    tag: 'workflows',
    permission: 'workflows:write',
    summary:
      'Save a new version on top of `baseVersion`; 409 with the current version when someone saved first',
    params: { id: workflowId },
    body: strictObject({ yaml, baseVersion: versionNumber, message }, ['message']),
    responses: { 200: ok('saved', workflowWithYaml), ...errors(400, 401, 403, 404, 409, 422) },
    async handler({ params, body, auth, tx }) {
      const wf = checkWorkflowYaml(body.yaml, `${params.id}.yaml`);
      if (wf.id !== params.id)
        throw new UserError(
          'id-mismatch',
          `the YAML says id '${wf.id}' but you are saving workflow '${params.id}'; ids cannot change`,
          { id: wf.id },
          422,
        );
      const saved = await tx((trx) =>
        saveVersion(trx, auth.tenantId, params.id!, {
          yaml: body.yaml,
          name: wf.name ?? wf.id,
          baseVersion: body.baseVersion,
          message: body.message ?? '',
          authorId: auth.userId,
        }),
      );
      return { body: { ...saved, yaml: body.yaml } };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/workflows/:id',
    tag: 'workflows',
    permission: 'workflows:delete',
    summary: 'Delete a workflow, its versions and runs',
    params: { id: workflowId },
    responses: { 204: { description: 'deleted' }, ...errors(400, 401, 403, 404) },
    async handler({ params, auth, ctx, tx }) {
      await tx(async (trx) => {
        const r = await trx.deleteFrom('workflows').where('id', '=', params.id!).executeTakeFirst();
        if (r.numDeletedRows === 0n) throw new NotFoundError('workflow', params.id!);
        await recordAudit(trx, auth, 'workflow.deleted', params.id!, {}, ctx.ip);
      });
      return { status: 204 };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/workflows/:id/versions',
    tag: 'workflows',
    permission: 'workflows:read',
    summary: 'Version history, newest first',
    params: { id: workflowId },
    responses: {
      200: ok('versions', strictObject({ versions: arrayOf(version) })),
      ...errors(400, 401, 403, 404),
    },
    async handler({ params, tx }) {
      return { body: { versions: await tx((trx) => listVersions(trx, params.id!)) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/workflows/:id/versions/:version',
    tag: 'workflows',
    permission: 'workflows:read',
    summary: 'One version with its YAML as written',
    params: { id: workflowId, version: versionNumber },
    responses: { 200: ok('the version', version), ...errors(400, 401, 403, 404) },
    async handler({ params, tx }) {
      return { body: await tx((trx) => getVersion(trx, params.id!, Number(params.version))) };
    },
  }),

  defineRoute<unknown, { from: number; to: number }>({
    method: 'get',
    path: '/api/workflows/:id/diff',
    tag: 'workflows',
    permission: 'workflows:read',
    summary: 'Line diff between two versions (unified patch and hunks)',
    params: { id: workflowId },
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: { from: versionNumber, to: versionNumber },
    },
    responses: {
      200: ok(
        'the diff',
        strictObject({
          from: { type: 'integer' },
          to: { type: 'integer' },
          patch: { type: 'string' },
          hunks: arrayOf({ type: 'object', required: ['oldStart', 'newStart', 'lines'] }),
        }),
      ),
      ...errors(400, 401, 403, 404),
    },
    async handler({ params, query, tx }) {
      const [a, b] = await tx(async (trx) => [
        await getVersion(trx, params.id!, query.from),
        await getVersion(trx, params.id!, query.to),
      ]);
      const names = [`${params.id}@${query.from}`, `${params.id}@${query.to}`] as const;
      const patch = createTwoFilesPatch(names[0], names[1], a!.yaml, b!.yaml);
      const hunks = structuredPatch(names[0], names[1], a!.yaml, b!.yaml).hunks;
      return { body: { from: query.from, to: query.to, patch, hunks } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/workflows/:id/versions/:version/publish',
    tag: 'workflows',
    permission: 'workflows:publish',
    summary: 'Publish a version',
    params: { id: workflowId, version: versionNumber },
    responses: { 200: ok('published', workflow), ...errors(400, 401, 403, 404, 422) },
    async handler({ params, auth, ctx, services, tx }) {
      const v = Number(params.version);
      const plugins = await services.plugins.available(auth.tenantId);
      const result = await tx(async (trx) => {
        const { yaml } = await getVersion(trx, params.id!, v);
        const workflowIds = new Set((await listWorkflows(trx)).map((w) => w.id));
        assertPublishable(yaml, `${params.id}.yaml`, { plugins, workflowIds });
        const published = await publishVersion(trx, params.id!, v);
        await recordAudit(trx, auth, 'workflow.published', params.id!, { version: v }, ctx.ip);
        return published;
      });
      return { body: result };
    },
  }),
];
