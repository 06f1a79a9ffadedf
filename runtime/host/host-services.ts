/** The long-lived parts of a host that routes and sockets share. */
import type { Kysely } from 'kysely';
import { type Logger, pino } from 'pino';
import { loadBuiltinPlugins } from '../../plugins/load-builtins.ts';
import { createBuiltinPackages } from '../../registry/builtin-packages.ts';
import { createPluginCatalog, type PluginCatalog } from '../../registry/plugin-catalog.ts';
import type { PluginResolver } from '../../registry/sdk/plugin.ts';
import type { Database } from '../db/schema.ts';
import { createSandboxPool, type SandboxPool } from '../sandbox/sandbox-pool.ts';
import { LoginRateLimit } from './auth/login-rate-limit.ts';
import type { HostConfig } from './config.ts';
import { RunService } from './runs/run-service.ts';
import { tenantCapabilities } from './runs/tenant-capabilities.ts';

/** Shared state of one host process. */
export interface HostServices {
  db: Kysely<Database>;
  config: HostConfig;
  logger: Logger;
  loginLimit: LoginRateLimit;
  runs: RunService;
  /** Built-in, installed and dev plugins per tenant: the palette and the `uses:` resolver. */
  plugins: PluginCatalog;
  /** Where installed (third-party) plugin code runs. */
  sandbox: SandboxPool;
  /** Stops background work (runs in flight); the caller closes the database. */
  close(): Promise<void>;
}

/** Options for {@link createHostServices}. */
export interface HostServicesOptions {
  db: Kysely<Database>;
  config: HostConfig;
  logger?: Logger;
  /** The plugins a tenant's runs may use; the tenant's catalog (built-in + installed + dev) when absent. */
  resolverFor?: (tenantId: string) => Promise<PluginResolver>;
  /** The sandbox pool; a pool of 2 processes (started on first use) when absent. */
  sandbox?: SandboxPool;
}

/** Builds the services for a host from its database and settings. */
export function createHostServices(options: HostServicesOptions): HostServices {
  const logger =
    options.logger ??
    pino({
      level: options.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.value', '*.token'],
    });
  const sandbox = options.sandbox ?? createSandboxPool();
  // Built-in plugins take the same path as third-party ones: bundled, and run in the sandbox.
  const plugins = createPluginCatalog({
    db: options.db,
    builtins: loadBuiltinPlugins,
    pool: sandbox,
    builtinPackages: createBuiltinPackages(),
  });
  const runs = new RunService({
    db: options.db,
    logger,
    resolverFor: options.resolverFor ?? ((tenantId) => plugins.resolverFor(tenantId)),
    capabilitiesFor: (_tenantId, resolve) =>
      tenantCapabilities({
        db: options.db,
        keyring: options.config.keyring,
        resolve,
        fetchPolicy: { allowPrivateNetwork: options.config.allowPrivateNetwork },
        // Routed LLM calls may name the tenant's installed and dev routers, judges and providers (sandboxed).
        llm: { plugins: (tenantId) => plugins.strategyPlugins(tenantId) },
      }),
  });
  return {
    db: options.db,
    config: options.config,
    logger,
    loginLimit: new LoginRateLimit(options.config.loginLimit),
    runs,
    plugins,
    sandbox,
    close: async () => {
      await runs.close();
      if (!options.sandbox) await sandbox.close();
    },
  };
}
