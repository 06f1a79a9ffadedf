/**
 * Branching: a condition node draws one labelled handle per branch, connecting from a handle
 * writes that branch into `next:`, conditions are edited in the inspector, and a run lights up
 * only the path taken.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasNode,
  connectNodes,
  nodeRunStatus,
  openTestInput,
  openWorkflow,
  runFromTestInput,
  screenshot,
  withSignedInBrowser,
  yamlPaneNode,
  yamlPaneText,
} from './studio-browser.ts';

const id = `route-${Date.now().toString(36)}`;
let page: Page;

const node = (nodeId: string) => canvasNode(page, nodeId);
const status = (nodeId: string) => nodeRunStatus(page, nodeId);
const yamlText = () => yamlPaneText(page);
/** The `next:` of node `nodeId` as the YAML pane shows it. */
const nextOf = async (nodeId: string) => (await yamlPaneNode(page, nodeId))?.next;

const yaml = `id: ${id}
name: Route by length
inputs:
  message: { type: string, required: true }
nodes:
  - id: start
    uses: core/start@^1
    next: check
  - id: check
    uses: core/condition@^1
    with: { if: "{{ len(inputs.message) > 5 }}" }
  - id: long
    uses: core/template@^1
    with: { template: "That is a long one" }
  - id: short
    uses: core/template@^1
    with: { template: "Short and sweet" }
layout:
  start: { x: 0, y: 100 }
  check: { x: 300, y: 100 }
  long: { x: 620, y: 0 }
  short: { x: 620, y: 220 }
`;

withSignedInBrowser(async (opened) => {
  page = opened;
  await openWorkflow(page, id, yaml, 'check');
});

describe('branching', () => {
  it('shows one labelled handle per branch of a condition', async () => {
    await expect
      .poll(() => node('check').locator('.flow-node-out-label').allInnerTexts())
      .toEqual(['true', 'false', 'default']);
  });

  it('writes a branch when its handle is connected', async () => {
    await connectNodes(page, 'check', 'on:true', 'long');
    await connectNodes(page, 'check', 'on:false', 'short');
    await expect
      .poll(() => nextOf('check'))
      .toEqual([
        { on: 'true', to: 'long' },
        { on: 'false', to: 'short' },
      ]);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
  });

  it('adds and edits a condition in the inspector', async () => {
    await node('check').click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await expect.poll(async () => JSON.stringify(await nextOf('check'))).toContain('"when":"{{ true }}"');
    const editor = page.locator('.next-entry').last().locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('{{ inputs.message == "vip" }}');
    await expect
      .poll(async () => JSON.stringify(await nextOf('check')))
      .toContain('"when":"{{ inputs.message == \\"vip\\" }}"');
    await page.getByRole('button', { name: /Remove when edge/ }).click();
    await expect.poll(yamlText).not.toContain('vip');
    await screenshot(page, '11-branches');
  });

  it('lights up only the path the run takes', async () => {
    await openTestInput(page);
    const runStatus = await runFromTestInput(page, '{ "message": "hi" }');
    await expect.poll(runStatus, { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => status('short')).toBe('completed');
    expect(await status('long')).toBe('');
  });
});
