/**
 * Opens the system Chromium with Playwright for browser tests: a fresh profile per browser, no
 * network chatter, and helpers a test uses the way a builder does (sign in, screenshot).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

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
