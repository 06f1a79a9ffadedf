/**
 * Opens the system Chromium with Playwright for browser tests: a fresh profile per browser, no
 * network chatter, and helpers a test uses the way a builder does (sign in, screenshot).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { parse } from 'yaml';

/** Where screenshots of the main screens go. */
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

/** A running browser with one page. */
export interface StudioBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Chromium headless with a throwaway profile. */
export async function openBrowser(baseURL: string): Promise<StudioBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'flow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    baseURL,
    viewport: { width: 1600, height: 900 },
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/#/workflows');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
}

/**
 * Gives the calling test file a browser signed in as the host's builder: opened before its tests
 * (then `ready` gets the page, to keep it and set the scene), a screenshot of each failing test,
 * closed after them all.
 */
export function withSignedInBrowser(ready: (page: Page) => Promise<void> | void): void {
  let browser: StudioBrowser | undefined;
  beforeAll(async () => {
    const studio = inject('studio');
    browser = await openBrowser(studio.url);
    await signIn(browser.page, studio.email, studio.password);
    await ready(browser.page);
  });
  afterEach(async (ctx) => {
    if (browser) await screenshotIfFailed(browser.page, ctx);
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** Creates a workflow from YAML through the API and opens it in the editor once node `nodeId` is drawn. */
export async function openWorkflow(page: Page, id: string, yaml: string, nodeId: string): Promise<void> {
  await apiAs(page, 'POST', '/api/workflows', { yaml });
  await page.goto(`/#/workflows/${id}`);
  await canvasNode(page, nodeId).waitFor();
  await page.locator('[data-testid="yaml-pane"] .cm-content').waitFor();
}

/** Node `nodeId` as drawn on the canvas. */
export function canvasNode(page: Page, nodeId: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"]`);
}

/** The text of the YAML pane. */
export function yamlPaneText(page: Page): Promise<string> {
  return page.locator('[data-testid="yaml-pane"] .cm-content').innerText();
}

/** Node `nodeId` as the YAML pane shows it (parsed), or undefined when the pane has no such node. */
export async function yamlPaneNode(page: Page, nodeId: string): Promise<Record<string, unknown> | undefined> {
  const doc = parse(await yamlPaneText(page)) as { nodes: Array<Record<string, unknown>> };
  return doc.nodes.find((n) => n.id === nodeId);
}

/** The run status drawn on node `nodeId` (`''` before it ran). */
export function nodeRunStatus(page: Page, nodeId: string): Promise<string | null> {
  return canvasNode(page, nodeId).locator('.flow-node').getAttribute('data-status');
}

/** Drags from a node's source handle `handle` to another node's input. */
export async function connectNodes(page: Page, from: string, handle: string, to: string): Promise<void> {
  await canvasNode(page, from)
    .locator(`.react-flow__handle.source[data-handleid="${handle}"]`)
    .dragTo(canvasNode(page, to).locator('.react-flow__handle.target'));
}

/** Opens the Test tab with the JSON input shown and returns that input. */
export async function openTestInput(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: 'JSON input' }).click();
  return page.locator('#run-input');
}

/** Runs the workflow from the Test tab with `input` (JSON text) and returns the run's status getter. */
export async function runFromTestInput(page: Page, input: string): Promise<() => Promise<string | null>> {
  await page.locator('#run-input').fill(input);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  return () => page.getByTestId('run-summary').getAttribute('data-status');
}

/** What afterEach hands a hook: enough to tell whether the test failed and what it was called. */
interface FinishedTest {
  task: { name: string; result?: { state?: string } };
}

/** A failing step leaves a picture of what the builder would have seen. */
async function screenshotIfFailed(page: Page, ctx: FinishedTest): Promise<void> {
  if (ctx.task.result?.state === 'fail')
    await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
}

/** Saves a full-page screenshot named `name`.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Calls the host API as the signed-in browser user (session cookie + CSRF header). */
export async function apiAs(page: Page, method: string, url: string, data?: unknown): Promise<unknown> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'flow_csrf')?.value ?? '';
  const response = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
  if (!response.ok())
    throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? undefined : response.json();
}
