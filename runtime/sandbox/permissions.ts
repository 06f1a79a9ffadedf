/**
 * Reading a manifest's `permissions`: which capabilities a call gets, and whether a URL's host is
 * one the plugin declared. Used on the host side, where the decision is made.
 */
import type { NodeContext, PluginManifest } from '../../registry/sdk/plugin.ts';
import type { Grant } from './protocol.ts';

/** Capabilities a call receives: declared in the manifest AND provided by the host for this run. */
export function grantsFor(manifest: PluginManifest, ctx: NodeContext): Grant[] {
  const p = manifest.permissions ?? {};
  const grants: Grant[] = [];
  if ((p.net?.length ?? 0) > 0 && ctx.fetch) grants.push('fetch');
  if ((p.secrets?.length ?? 0) > 0 && ctx.secrets) grants.push('secrets');
  if (p.kv === true && ctx.kv) grants.push('kv');
  if ((p.data?.length ?? 0) > 0 && ctx.data) grants.push('data');
  if (p.assets === true && ctx.assets) grants.push('assets');
  if (p.email === true && ctx.email) grants.push('email');
  if (p.llm === true && ctx.llm) grants.push('llm');
  return grants;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * True when `url` is http(s) without credentials and its host matches a pattern: `api.example.com`
 * (default port only), `api.example.com:8443`, `*.example.com` (subdomains, not the apex), or `*`
 * (any host and port: a generic HTTP node; the host's own fetch capability still decides what it lets out).
 */
export function isUrlAllowed(url: URL, patterns: readonly string[]): boolean {
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (!defaultPort || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || defaultPort;
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '*') return true;
    const colon = pattern.lastIndexOf(':');
    const hasPort = colon > 0 && !pattern.endsWith(']') && /^\d+$/.test(pattern.slice(colon + 1));
    const name = hasPort ? pattern.slice(0, colon) : pattern;
    if (port !== (hasPort ? pattern.slice(colon + 1) : defaultPort)) return false;
    if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
    return host === name;
  });
}
