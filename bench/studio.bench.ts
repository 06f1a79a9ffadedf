/**
 * Studio benchmark: opens a 1,000-node workflow in the built studio (Chromium, headless) and
 * measures the time until the canvas is interactive and the frame times while panning, next to
 * an empty canvas measured in the same run. The host API is answered by Playwright routes so the
 * numbers are the studio's alone.
 */

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { loadBuiltinPlugins } from '../plugins/load-builtins.ts';
import { studioBuildIsStale } from '../runtime/cli/commands/ensure-studio.ts';
import { openBrowser } from '../test/browser/studio-browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One benchmark result. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  baseline?: { name: string; value: number };
}

/** A workflow of `n` nodes: chains of templates with a condition every tenth node, laid out in a grid. */
export function bigWorkflow(n: number): string {
  const lines = ['id: big', 'name: Big workflow', 'nodes:'];
  const layout = ['layout:'];
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    const next = i + 1 < n ? `n${i + 1}` : undefined;
    if (i % 10 === 9 && i + 2 < n) {
      lines.push(
        `  - id: ${id}`,
        '    uses: core/condition@^1',
        `    with: { if: "{{ nodes.n${i - 1}.text }}" }`,
        '    next:',
        `      - on: "true"`,
        `        to: ${next}`,
        `      - default: n${i + 2}`,
      );
    } else {
      lines.push(
        `  - id: ${id}`,
        '    uses: core/template@^1',
        `    with: { template: "Step ${i}" }`,
        ...(next ? [`    next: ${next}`] : []),
      );
    }
    layout.push(`  ${id}: { x: ${(i % 40) * 300}, y: ${Math.floor(i / 40) * 160} }`);
  }
  return `${[...lines, ...layout].join('\n')}\n`;
}

async function build(): Promise<void> {
  if (!studioBuildIsStale(root) && process.env.FLOW_BENCH_REBUILD !== '1') return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code})`))));
  });
}

/** Answers the studio's API calls: signed in, one workflow with `yaml`, the built-in plugins. */
async function fakeApi(page: Page, yaml: string): Promise<void> {
  const manifests = (await loadBuiltinPlugins()).map((p) => p.manifest);
  const json = (body: unknown) => ({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  await page.route('**/api/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/auth/me')
      return route.fulfill(
        json({ user: { id: 'u', email: 'bench@example.test', name: 'Bench' }, csrfToken: 'x' }),
      );
    if (url.pathname === '/api/plugins') return route.fulfill(json(manifests));
    if (url.pathname === '/api/workflows/big')
      return route.fulfill(json({ id: 'big', name: 'Big', version: 1, yaml }));
    return route.fulfill(json([]));
  });
}

/** Opens the workflow and returns ms until a clicked node's config form is shown (the canvas is interactive). */
async function timeToInteractive(page: Page, yaml: string): Promise<number> {
  await fakeApi(page, yaml);
  const start = Date.now();
  await page.goto('/#/workflows/big');
  const nodes = page.locator('.react-flow__node');
  await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
  // Only nodes in view are rendered; the middle one of those is well inside the canvas.
  await nodes.nth(Math.floor((await nodes.count()) / 2)).click();
  // Interactive means the node's config form is there to type in, not just the inspector frame.
  await page
    .locator('[data-testid="inspector"] .config-form .cm-content')
    .first()
    .waitFor({ timeout: 60_000 });
  return Date.now() - start;
}

/** Pans the canvas with the mouse and returns the 95th percentile and worst frame time in ms. */
async function panFrames(page: Page): Promise<{ p95: number; max: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(cx - i * 8, cy - (i % 20) * 4, { steps: 1 });
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  return { p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

/** Runs the studio benchmark. */
export async function benchStudio(): Promise<BenchResult[]> {
  await build();
  const server = await preview({
    root: path.join(root, 'studio'),
    build: { outDir: path.join(root, 'dist/studio') },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
    configFile: false,
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  const measure = async (yaml: string) => {
    const browser = await openBrowser(url);
    try {
      const tti = await timeToInteractive(browser.page, yaml);
      const frames = await panFrames(browser.page);
      return { tti, ...frames };
    } finally {
      await browser.close();
    }
  };
  try {
    const empty = await measure(bigWorkflow(1));
    const big = await measure(bigWorkflow(1000));
    return [
      {
        name: 'studio: open 1,000-node workflow until interactive',
        value: big.tti,
        unit: 'ms',
        target: '< 1500 ms',
        baseline: { name: '1-node workflow', value: empty.tti },
      },
      {
        name: 'studio: pan 1,000-node canvas, p95 frame time',
        value: Math.round(big.p95 * 10) / 10,
        unit: 'ms',
        baseline: { name: '1-node canvas', value: Math.round(empty.p95 * 10) / 10 },
      },
      {
        name: 'studio: pan 1,000-node canvas, worst frame',
        value: Math.round(big.max * 10) / 10,
        unit: 'ms',
        baseline: { name: '1-node canvas', value: Math.round(empty.max * 10) / 10 },
      },
    ];
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchStudio());
