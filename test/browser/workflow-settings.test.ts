/**
 * The Workflow panel: with nothing selected the inspector edits the workflow itself (name,
 * version, inputs and outputs); the YAML follows, expressions and the test panel see new inputs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  canvasNode,
  openTestInput,
  openWorkflow,
  screenshot,
  withSignedInBrowser,
  yamlPaneText,
} from './studio-browser.ts';

const id = `settings-${Date.now().toString(36)}`;
let page: Page;

const node = (nodeId: string) => canvasNode(page, nodeId);
const panel = () => page.getByTestId('workflow-panel');
const yamlText = () => yamlPaneText(page);
type Doc = {
  name?: string;
  version?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
};
const doc = async () => parse(await yamlText()) as Doc;

const yaml = `id: ${id}
name: Greeter
inputs:
  message: { type: string, required: true }
nodes:
  - id: start
    uses: core/start@^1
    next: reply
  - id: reply
    uses: core/template@^1
    with: { template: "Hello" }
layout:
  start: { x: 0, y: 0 }
  reply: { x: 320, y: 0 }
`;

withSignedInBrowser(async (opened) => {
  page = opened;
  await openWorkflow(page, id, yaml, 'reply');
});

describe('workflow settings', () => {
  it('shows the workflow settings when no node is selected', async () => {
    await panel().waitFor();
    expect(await page.locator('#workflow-name').inputValue()).toBe('Greeter');
    expect(await panel().getByLabel('Name of input message').inputValue()).toBe('message');
  });

  it('edits name and version and the YAML follows', async () => {
    await page.locator('#workflow-name').fill('Friendly greeter');
    await page.locator('#workflow-version').fill('1.2.0');
    await expect.poll(async () => (await doc()).name).toBe('Friendly greeter');
    await expect.poll(async () => (await doc()).version).toBe('1.2.0');
    expect(await page.locator('.toolbar-title .strong').innerText()).toBe('Friendly greeter');
  });

  it('declares a new input with its type, default and description', async () => {
    await panel().getByRole('button', { name: 'Add input' }).click();
    await expect.poll(async () => (await doc()).inputs).toHaveProperty('input1');
    const name = panel().getByLabel('Name of input input1');
    await name.fill('locale');
    await name.press('Enter');
    await expect.poll(async () => Object.keys((await doc()).inputs ?? {})).toEqual(['message', 'locale']);
    await panel().getByLabel('Description of input locale').fill('Reply language');
    const fallback = panel().getByLabel('Default of input locale');
    await fallback.fill('en');
    await fallback.press('Enter');
    await expect
      .poll(async () => (await doc()).inputs?.locale)
      .toEqual({ type: 'string', description: 'Reply language', default: 'en' });
    await panel().getByLabel('Type of input message').selectOption('number');
    await expect.poll(async () => (await doc()).inputs?.message).toEqual({ type: 'number', required: true });
    await panel().getByLabel('Type of input message').selectOption('string');
  });

  it('declares an output', async () => {
    await panel().getByRole('button', { name: 'Add output' }).click();
    const name = panel().getByLabel('Name of output output1');
    await name.fill('reply');
    await name.press('Enter');
    await expect.poll(async () => (await doc()).outputs).toEqual({ reply: { type: 'string' } });
    await screenshot(page, '12-workflow-settings');
  });

  it('offers the new input in expression autocomplete', async () => {
    await node('reply').click();
    const editor = page.getByTestId('inspector').locator('.cm-content').first();
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('{{ inputs.lo');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').innerText()).toContain('inputs.locale');
    await page.keyboard.press('Escape');
  });

  it('pre-fills the test input from the declared inputs', async () => {
    const input = await openTestInput(page);
    expect(JSON.parse(await input.inputValue())).toEqual({ message: '', locale: 'en' });
  });

  it('removes an input', async () => {
    await page.getByRole('tab', { name: 'Node' }).click();
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await panel().getByRole('button', { name: 'Remove input locale' }).click();
    await expect.poll(async () => Object.keys((await doc()).inputs ?? {})).toEqual(['message']);
  });
});
