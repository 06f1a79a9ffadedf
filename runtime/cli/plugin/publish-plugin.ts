/** `flow plugin publish` and `flow plugin dev`: bundle a plugin and send it to a host's registry API. */
import { watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundlePlugin } from '../../../registry/bundle-plugin.ts';
import type { PluginPackage } from '../../../registry/plugin-package.ts';
import { UserError } from '../../workflow/errors.ts';

/** Where to publish and with which API key (scope `plugins:publish`). */
export interface HostTarget {
  host: string;
  apiKey: string;
}

/** Reads --host/--key, falling back to FLOW_HOST / FLOW_API_KEY. */
export function hostTarget(options: { host?: string; key?: string }): HostTarget {
  const host = options.host ?? process.env.FLOW_HOST ?? 'http://localhost:3000';
  const apiKey = options.key ?? process.env.FLOW_API_KEY;
  if (!apiKey)
    throw new UserError(
      'missing-api-key',
      'an API key is needed: pass --key or set FLOW_API_KEY (create one in the studio under Settings → API keys)',
    );
  return { host: host.replace(/\/$/, ''), apiKey };
}

async function send(target: HostTarget, path: string, pkg: PluginPackage): Promise<Record<string, unknown>> {
  const response = await fetch(`${target.host}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.apiKey}` },
    body: JSON.stringify(pkg),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } } & Record<
    string,
    unknown
  >;
  if (!response.ok)
    throw new UserError(
      'publish-failed',
      `${target.host}${path} answered ${response.status}: ${body.error?.message ?? response.statusText}`,
    );
  return body;
}

/** Bundles `<dir>/index.ts` and publishes it; returns what the host recorded. */
export async function publishPlugin(dir: string, target: HostTarget): Promise<Record<string, unknown>> {
  const pkg = await bundlePlugin(join(resolve(dir), 'index.ts'));
  return send(target, '/api/registry/plugins', pkg);
}

/**
 * Rebuilds on every save and loads the new code into the running host for the key's tenant, without
 * a restart (the host keeps dev builds in memory, in front of installed versions). Returns a stop function.
 */
export function devPlugin(dir: string, target: HostTarget, report: (line: string) => void): () => void {
  const folder = resolve(dir);
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const rebuild = () => {
    building = building.then(async () => {
      try {
        const pkg = await bundlePlugin(join(folder, 'index.ts'));
        await send(target, '/api/registry/dev', pkg);
        report(`reloaded ${pkg.manifest.id}@${pkg.manifest.version} (${pkg.sha256.slice(0, 12)})`);
      } catch (error) {
        report(`build failed: ${(error as Error).message}`);
      }
    });
  };
  const watcher = watch(folder, { recursive: true }, (_event, file) => {
    if (!file || file.endsWith('.test.ts')) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, 150);
  });
  rebuild();
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
