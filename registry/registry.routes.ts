/**
 * Registry API: the palette (built-in + installed plugins), publishing immutable versions, per-tenant
 * installs, and dev reloads from `flow plugin dev`.
 */
import { type AuditAction, recordAudit } from '../runtime/host/audit/record-audit.ts';
import { defineRoute, type RouteDef, type RouteInput } from '../runtime/host/http/define-route.ts';
import { arrayOf, errors, ok, strictObject } from '../runtime/host/http/schemas.ts';
import { verifyPluginPackage } from './plugin-package.ts';
import type { PluginManifest } from './sdk/plugin.ts';

const pluginId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$' };
const manifest = { type: 'object', required: ['id', 'version', 'kind', 'title', 'description'] };
const entry = {
  type: 'object',
  required: ['id', 'version', 'sha256', 'source', 'manifest'],
  properties: {
    id: { type: 'string' },
    version: { type: 'string' },
    sha256: { type: 'string' },
    source: { enum: ['builtin', 'installed', 'dev'] },
    manifest,
  },
};
const packageBody = strictObject(
  {
    manifest: { type: 'object' },
    source: { type: 'string', minLength: 1, maxLength: 5 * 1024 * 1024 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  ['sha256'],
);
const published = strictObject({
  id: { type: 'string' },
  version: { type: 'string' },
  sha256: { type: 'string' },
  created: { type: 'boolean' },
});
const installed = strictObject({
  id: { type: 'string' },
  version: { type: 'string' },
  sha256: { type: 'string' },
  manifest,
});

type PackageBody = { manifest: PluginManifest; source: string; sha256?: string };
// Install and upgrade both name a plugin and, optionally, a semver range of its versions.
const versionBody = strictObject({ id: pluginId, version: { type: 'string', minLength: 1, maxLength: 64 } }, [
  'version',
]);
type VersionBody = { id: string; version?: string };

/** Audits `action` on one plugin version, named `id@version`, with the content hash it stands for. */
function auditVersion(
  { auth, ctx, tx }: Pick<RouteInput, 'auth' | 'ctx' | 'tx'>,
  action: AuditAction,
  plugin: { id: string; version: string; sha256: string },
): Promise<void> {
  const target = `${plugin.id}@${plugin.version}`;
  return tx((trx) => recordAudit(trx, auth, action, target, { sha256: plugin.sha256 }, ctx.ip));
}

/** Routes under /api/plugins and /api/registry. */
export const registryRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api/plugins',
    tag: 'plugins',
    permission: 'workflows:read',
    summary: "The tenant's palette: built-in, installed and dev plugins with their manifests",
    responses: { 200: ok('plugins', strictObject({ plugins: arrayOf(entry) })), ...errors(401, 403) },
    async handler({ auth, services }) {
      return { body: { plugins: await services.plugins.available(auth.tenantId) } };
    },
  }),

  defineRoute<VersionBody>({
    method: 'post',
    path: '/api/plugins/install',
    tag: 'plugins',
    permission: 'plugins:install',
    summary: 'Install a published version (the highest matching `version`, a semver range; default any)',
    body: versionBody,
    responses: { 201: ok('installed', installed), ...errors(400, 401, 403, 404) },
    async handler({ body, auth, ctx, services, tx }) {
      const result = await services.plugins.store.install(auth.tenantId, body.id, body.version);
      await auditVersion({ auth, ctx, tx }, 'plugin.installed', result);
      return { status: 201, body: result };
    },
  }),

  defineRoute<VersionBody>({
    method: 'post',
    path: '/api/plugins/upgrade',
    tag: 'plugins',
    permission: 'plugins:install',
    summary: 'Upgrade to the highest published version in `version` (a range) and remove older installs',
    body: versionBody,
    responses: { 200: ok('installed', installed), ...errors(400, 401, 403, 404) },
    async handler({ body, auth, ctx, services, tx }) {
      const result = await services.plugins.store.upgrade(auth.tenantId, body.id, body.version);
      await auditVersion({ auth, ctx, tx }, 'plugin.upgraded', result);
      return { body: result };
    },
  }),

  defineRoute<unknown, { version?: string }>({
    method: 'delete',
    path: '/api/plugins/:scope/:name',
    tag: 'plugins',
    permission: 'plugins:install',
    summary: 'Remove an installed version (or every version when none is given)',
    params: {
      scope: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    },
    query: { type: 'object', properties: { version: { type: 'string', maxLength: 64 } } },
    responses: { 204: { description: 'removed' }, ...errors(400, 401, 403, 404) },
    async handler({ params, query, auth, ctx, services, tx }) {
      const id = `${params.scope}/${params.name}`;
      await services.plugins.store.uninstall(auth.tenantId, id, query.version);
      await tx((trx) =>
        recordAudit(trx, auth, 'plugin.removed', query.version ? `${id}@${query.version}` : id, {}, ctx.ip),
      );
      return { status: 204 };
    },
  }),

  defineRoute<unknown, { q?: string }>({
    method: 'get',
    path: '/api/registry/plugins',
    tag: 'plugins',
    permission: 'workflows:read',
    summary: 'Published plugin versions, newest first; `q` searches id, title and description',
    query: { type: 'object', properties: { q: { type: 'string', maxLength: 100 } } },
    responses: {
      200: ok(
        'published versions',
        strictObject({
          plugins: arrayOf(
            strictObject({
              id: { type: 'string' },
              version: { type: 'string' },
              kind: { type: 'string' },
              sha256: { type: 'string' },
              manifest,
              publishedAt: { type: 'string' },
            }),
          ),
        }),
      ),
      ...errors(400, 401, 403),
    },
    async handler({ query, services }) {
      return { body: { plugins: await services.plugins.store.listPublished(query.q) } };
    },
  }),

  defineRoute<PackageBody>({
    method: 'post',
    path: '/api/registry/plugins',
    tag: 'plugins',
    permission: 'plugins:publish',
    summary: 'Publish a plugin version (manifest + bundled module); versions are immutable',
    body: packageBody,
    responses: {
      201: ok('published', published),
      200: ok('already published with the same content', published),
      ...errors(400, 401, 403, 409, 422),
    },
    async handler({ body, auth, ctx, services, tx }) {
      const pkg = verifyPluginPackage(body);
      const result = await services.plugins.store.publish(auth.tenantId, pkg);
      if (result.created) await auditVersion({ auth, ctx, tx }, 'plugin.published', result);
      return { status: result.created ? 201 : 200, body: result };
    },
  }),

  defineRoute<PackageBody>({
    method: 'post',
    path: '/api/registry/dev',
    tag: 'plugins',
    permission: 'plugins:publish',
    summary:
      'Load a dev build for this tenant only, in memory, in front of installed versions (flow plugin dev)',
    body: packageBody,
    responses: {
      200: ok(
        'loaded',
        strictObject({ id: { type: 'string' }, version: { type: 'string' }, sha256: { type: 'string' } }),
      ),
      ...errors(400, 401, 403, 422),
    },
    async handler({ body, auth, services }) {
      const pkg = verifyPluginPackage(body);
      services.plugins.loadDev(auth.tenantId, pkg);
      return { body: { id: pkg.manifest.id, version: pkg.manifest.version, sha256: pkg.sha256 } };
    },
  }),
];
