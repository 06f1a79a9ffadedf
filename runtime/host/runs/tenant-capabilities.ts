/**
 * What nodes may use in a host run, granted per node from its plugin's manifest: the tenant's data
 * tables, its secrets (only the names listed), the example files as assets, and routed language
 * model calls (permissions.llm; see ../llm/routed-llm.ts). No general network: a tenant turns that
 * on through a deployment's settings (not in this module).
 */

import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { loadBuiltinPlugins } from '../../../plugins/load-builtins.ts';
import { createSmtpEmail } from '../../../plugins/tool-email/host.ts';
import type { PluginResolver } from '../../../registry/sdk/plugin.ts';
import type { Database } from '../../db/schema.ts';
import type { CapabilityFactory } from '../../engine/types.ts';
import { ForbiddenError, UserError } from '../../workflow/errors.ts';
import { createRoutedLlm, type RoutedLlmOptions } from '../llm/routed-llm.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { readTenantSecret } from '../secrets/read-secret.ts';
import { createGuardedFetch, type FetchPolicy, publicNetworkFetch } from './guarded-fetch.ts';
import { parseSmtpUrl, SMTP_SECRET } from './smtp-url.ts';
import { tenantAssets } from './tenant-assets.ts';
import { tenantTables } from './tenant-tables.ts';

/** Example files shipped with the workflows. */
export const EXAMPLE_DATA_DIR = fileURLToPath(new URL('../../../workflows/data/', import.meta.url));

/** Capabilities for runs of one tenant. */
export function tenantCapabilities(options: {
  db: Kysely<Database>;
  keyring: Keyring;
  resolve: PluginResolver;
  assetsDir?: string;
  /** How far plugins' `fetch` may reach; never private addresses unless allowed. */
  fetchPolicy?: FetchPolicy;
  /**
   * Routed LLM calls: the router/judge/provider plugins a tenant may name (the built-ins by default;
   * a host passes its catalog's strategyPlugins, which adds installed and dev ones), fetch, random.
   */
  llm?: Partial<Pick<RoutedLlmOptions, 'plugins' | 'fetch' | 'random' | 'timeoutMs'>>;
}): CapabilityFactory {
  const assetsDir = options.assetsDir ?? EXAMPLE_DATA_DIR;
  const fetchPolicy = options.fetchPolicy ?? { allowPrivateNetwork: false };
  const llmOptions: RoutedLlmOptions = {
    plugins: () => loadBuiltinPlugins(),
    ...options.llm,
    // Model servers named in a workflow are reached like any plugin fetch: never the host's own network unless allowed.
    fetch: publicNetworkFetch('language model call', fetchPolicy, options.llm?.fetch),
    db: options.db,
    readSecret: (tenantId, name) => readTenantSecret(options.db, options.keyring, tenantId, name),
  };
  return ({ tenantId, uses, runId, nodeId, workflow }) => {
    const permissions = async () => (await options.resolve(uses)).manifest.permissions ?? {};
    const tables = tenantTables(options.db, tenantId);
    const allowTable = async (table: string) => {
      const allowed = (await permissions()).data ?? [];
      if (!allowed.includes('*') && !allowed.includes(table))
        throw new ForbiddenError(`${uses} may not use table '${table}' (its manifest does not list it)`);
    };
    return {
      fetch: createGuardedFetch(uses, async () => (await permissions()).net ?? [], fetchPolicy),
      assets: tenantAssets(options.db, tenantId, assetsDir),
      data: {
        async query(table, filter) {
          await allowTable(table);
          return tables.query(table, filter);
        },
        async insert(table, row) {
          await allowTable(table);
          return tables.insert(table, row);
        },
        async update(table, id, patch) {
          await allowTable(table);
          return tables.update(table, id, patch);
        },
      },
      secrets: {
        async get(name) {
          if (!((await permissions()).secrets ?? []).includes(name))
            throw new ForbiddenError(`${uses} may not read secret '${name}' (its manifest does not list it)`);
          return readTenantSecret(options.db, options.keyring, tenantId, name);
        },
      },
      email: {
        async send(message) {
          if ((await permissions()).email !== true)
            throw new ForbiddenError(
              `${uses} may not send email (its manifest does not set permissions.email)`,
            );
          const url = await readTenantSecret(options.db, options.keyring, tenantId, SMTP_SECRET);
          if (!url)
            throw new UserError(
              'email-not-configured',
              `no mail server: set the secret ${SMTP_SECRET} (smtp://user:pass@host:587?from=you@example.com)`,
            );
          const transport = createSmtpEmail(parseSmtpUrl(url));
          try {
            return await transport.send(message);
          } finally {
            transport.close();
          }
        },
      },
      llm: async (request) => {
        if ((await permissions()).llm !== true)
          throw new ForbiddenError(
            `${uses} may not call language models (its manifest does not set permissions.llm)`,
          );
        return createRoutedLlm(llmOptions, { tenantId, runId, nodeId, workflowId: workflow.id })(request);
      },
    };
  };
}
