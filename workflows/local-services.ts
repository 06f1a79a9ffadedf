/**
 * Capabilities for local runs (the CLI and the golden tests), offline by default: example files as
 * assets, in-memory tenant tables seeded from the data folder, an in-memory key-value store, and a
 * real `fetch` only to hosts both the plugin's manifest and the caller allow. Node-only.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { NodeContext, PluginManifest } from '../registry/sdk/plugin.ts';
import type { CapabilityFactory } from '../runtime/engine/types.ts';
import { ForbiddenError, NotFoundError, UserError } from '../runtime/workflow/errors.ts';
import { LocalTables } from './local-tables.ts';

/** Options for local capabilities. */
export interface LocalCapabilitiesOptions {
  /** The folder holding example files (assets) and table seeds (`orders.json`...). */
  dataDir: string;
  /** Hosts `fetch` may reach (`api.example.com`, `*.example.com`, `127.0.0.1:8080`, `*`); none by default: offline. */
  allowNet?: string[];
  /** The manifest behind a `uses:` string. When given, each node gets only what its manifest declares. */
  manifestFor?: (uses: string) => PluginManifest | undefined;
  /** Secret values by name, handed only to plugins whose manifest lists the name. */
  secrets?: Record<string, string>;
  /** The fetch used for allowed hosts; the global one by default. */
  fetchImpl?: typeof fetch;
}

/** The capability factory plus its state, so tests and the CLI can look inside the tables. */
export type LocalCapabilities = CapabilityFactory & { tables: LocalTables; kv: Map<string, unknown> };

/** True when `host` (with `port`) matches a pattern: `*`, `*.example.com`, `example.com` or `example.com:8080`. */
export function hostAllowed(pattern: string, hostname: string, port: string): boolean {
  const p = pattern.toLowerCase();
  const host = hostname.toLowerCase();
  if (p === '*') return true;
  const [patternHost = '', patternPort] = p.split(/:(?=\d+$)/);
  if (patternPort !== undefined && patternPort !== port) return false;
  if (patternHost.startsWith('*.')) return host.endsWith(patternHost.slice(1));
  return host === patternHost;
}

/** Reads example files from the data folder as parsed JSON or YAML, refusing paths outside it. */
function assetReader(dataDir: string): NonNullable<NodeContext['assets']> {
  const cache = new Map<string, Promise<unknown>>();
  return {
    async read(name: string) {
      const file = resolve(dataDir, name);
      const inside = relative(dataDir, file);
      if (inside.startsWith('..') || isAbsolute(inside))
        throw new ForbiddenError(`asset '${name}' is outside the workflow's data folder`);
      const type = extname(file).toLowerCase();
      if (!['.json', '.yaml', '.yml'].includes(type))
        throw new UserError('invalid-asset', `asset '${name}' must be a .json, .yaml or .yml file`);
      let loading = cache.get(file);
      if (!loading) {
        loading = readFile(file, 'utf8').then(
          (text) => (type === '.json' ? JSON.parse(text) : parseYaml(text)),
          (error: NodeJS.ErrnoException) => {
            cache.delete(file);
            throw error.code === 'ENOENT' ? new NotFoundError('asset', name) : error;
          },
        );
        cache.set(file, loading);
      }
      // Each caller gets its own copy: a plugin that edits what it read must not change the next run.
      return loading.then((value) => structuredClone(value));
    },
  };
}

/** A fetch limited to hosts that both the manifest and the caller allow. */
function limitedFetch(
  manifestHosts: string[],
  allowNet: string[],
  fetchImpl: typeof fetch,
): NonNullable<NodeContext['fetch']> {
  return async (url, init = {}) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new UserError('invalid-url', `'${url}' is not a valid URL`);
    }
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    const allowed = (list: string[]) => list.some((p) => hostAllowed(p, target.hostname, port));
    if (!['http:', 'https:'].includes(target.protocol) || !allowed(manifestHosts) || !allowed(allowNet)) {
      throw new ForbiddenError(
        `fetch to '${target.host}' is not allowed; allowed hosts: ${allowNet.join(', ') || 'none'}`,
      );
    }
    const response = await fetchImpl(target, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };
}

/** The plugin id of a `uses:` string: `core/intent@^1` -> `core/intent`. */
const pluginId = (uses: string) => uses.split('@')[0] ?? uses;

/** Creates the capability factory for local runs. One factory keeps its tables and kv across runs. */
export function createLocalCapabilities(options: LocalCapabilitiesOptions): LocalCapabilities {
  const dataDir = resolve(options.dataDir);
  const tables = new LocalTables(dataDir);
  const kvStore = new Map<string, unknown>();
  const assets = assetReader(dataDir);
  const allowNet = options.allowNet ?? [];

  const factory: CapabilityFactory = ({ tenantId, uses }) => {
    const manifest = options.manifestFor?.(pluginId(uses));
    // Without manifests (quick local runs) every node gets data and kv; with them, only what is declared.
    const permissions = options.manifestFor
      ? (manifest?.permissions ?? {})
      : { data: ['*'], kv: true, net: ['*'], secrets: Object.keys(options.secrets ?? {}) };
    const granted: ReturnType<CapabilityFactory> = { assets };
    const dataTables = permissions.data ?? [];
    if (dataTables.length > 0) {
      const check = (table: string) => {
        if (!dataTables.includes('*') && !dataTables.includes(table))
          throw new ForbiddenError(`${pluginId(uses)} may not use table '${table}'`);
        return table;
      };
      granted.data = {
        query: async (table, filter) => tables.query(tenantId, check(table), filter),
        insert: async (table, row) => tables.insert(tenantId, check(table), row),
        update: async (table, id, patch) => tables.update(tenantId, check(table), id, patch),
      };
    }
    if (permissions.kv) {
      const key = (k: string) => `${tenantId}\u0000${k}`;
      granted.kv = {
        get: async (k) => structuredClone(kvStore.get(key(k))),
        set: async (k, value) => void kvStore.set(key(k), structuredClone(value)),
        delete: async (k) => void kvStore.delete(key(k)),
      };
    }
    if ((permissions.net?.length ?? 0) > 0 && allowNet.length > 0) {
      granted.fetch = limitedFetch(permissions.net ?? [], allowNet, options.fetchImpl ?? fetch);
    }
    const secretNames = permissions.secrets ?? [];
    if (secretNames.length > 0) {
      granted.secrets = {
        get: async (name) => (secretNames.includes(name) ? options.secrets?.[name] : undefined),
      };
    }
    return granted;
  };
  return Object.assign(factory, { tables, kv: kvStore });
}
