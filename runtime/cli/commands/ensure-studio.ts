/**
 * Builds the studio with Vite when dist/studio is missing or older than its sources, so
 * `npm install && npm start` is enough and a `git pull` never serves a stale studio.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Folders whose files end up in the studio bundle. */
const SOURCES = ['studio', 'runtime/workflow', 'runtime/engine/expression', 'registry/sdk', 'workflows'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether dist/studio is missing or older than any studio source. */
export function studioBuildIsStale(root = ROOT): boolean {
  const index = path.join(root, 'dist/studio/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => existsSync(path.join(root, dir)) && newestMtime(path.join(root, dir)) > built);
}

/** Runs `vite build` when the built studio is missing or stale. */
export async function ensureStudioBuilt(): Promise<void> {
  if (!studioBuildIsStale()) return;
  console.log('Building the studio...');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
