/** Builds the studio with Vite the first time `flow start` runs, so `npm install && npm start` is enough. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `vite build` when dist/studio/index.html does not exist yet. */
export async function ensureStudioBuilt(): Promise<void> {
  if (existsSync(path.join(ROOT, 'dist/studio/index.html'))) return;
  console.log('Building the studio (first start only)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
