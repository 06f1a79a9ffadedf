/**
 * Building a new node from a palette entry: a readable unique id from the plugin name, `uses:`
 * with a caret range on the plugin's major version, and `with:` defaults from its config schema.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { WorkflowNode } from '../../runtime/workflow/types.ts';

/** A node id not in `taken`, based on `base` (`http-request`, `http-request-2`, ...). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .replace(/-+$/, '') || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** Required config fields with a `default` in the schema, so a new node starts valid where it can. */
function defaultsOf(schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const props = (schema?.properties ?? {}) as Record<string, { default?: unknown }>;
  const required = new Set((schema?.required ?? []) as string[]);
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props))
    if (required.has(key) && prop.default !== undefined) out[key] = prop.default;
  return Object.keys(out).length ? out : undefined;
}

/** A fresh node for `manifest`, with an id not in `taken`. */
export function newNode(manifest: PluginManifest, taken: ReadonlySet<string>): WorkflowNode {
  const name = manifest.id.split('/').pop() ?? 'node';
  const major = manifest.version.split('.')[0] ?? '1';
  const node: WorkflowNode = { id: uniqueId(name, taken), uses: `${manifest.id}@^${major}` };
  const withDefaults = defaultsOf(manifest.config);
  if (withDefaults) node.with = withDefaults;
  return node;
}
