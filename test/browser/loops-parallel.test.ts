/**
 * Loops and parallel fan-out on the canvas: a loop draws a "body" handle and a parallel node a
 * "branch" handle; connecting them writes `body:` / `branches:`, their edges are dashed and
 * labelled, the inspector lists them, and deleting such an edge removes it from the YAML.
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
} from './studio-browser.ts';

const id = `fan-${Date.now().toString(36)}`;
let page: Page;

const node = (nodeId: string) => canvasNode(page, nodeId);
const status = (nodeId: string) => nodeRunStatus(page, nodeId);
const yamlNode = (nodeId: string) => yamlPaneNode(page, nodeId);
const connect = (from: string, handle: string, to: string) => connectNodes(page, from, handle, to);

const yaml = `id: ${id}
name: Translate and fan out
inputs:
  lines: { type: array, required: true }
nodes:
  - id: start
    uses: core/start@^1
    next: each
  - id: each
    uses: core/loop@^1
    with: { forEach: "{{ inputs.lines }}" }
    next: fork
  - id: translate
    uses: core/template@^1
    with: { template: "line" }
  - id: fork
    uses: core/parallel@^1
    next: done
  - id: left
    uses: core/template@^1
    with: { template: "left" }
  - id: right
    uses: core/template@^1
    with: { template: "right" }
  - id: done
    uses: core/end@^1
layout:
  start: { x: 0, y: 100 }
  each: { x: 300, y: 100 }
  translate: { x: 300, y: 320 }
  fork: { x: 620, y: 100 }
  left: { x: 940, y: 0 }
  right: { x: 940, y: 200 }
  done: { x: 940, y: 400 }
`;

withSignedInBrowser(async (opened) => {
  page = opened;
  await openWorkflow(page, id, yaml, 'fork');
});

describe('loops and parallel branches', () => {
  it('draws a body handle on the loop and a branch handle on the parallel node', async () => {
    await expect
      .poll(() => node('each').locator('.flow-node-out-label').allInnerTexts())
      .toEqual(['body', 'done']);
    expect(await node('fork').locator('.flow-node-out-label').allInnerTexts()).toEqual(['branch', 'done']);
  });

  it('connecting the body handle writes body: and draws a labelled dashed edge', async () => {
    await connect('each', 'body', 'translate');
    await expect.poll(async () => (await yamlNode('each'))?.body).toBe('translate');
    const edge = page.locator('.react-flow__edge.kind-body');
    await expect.poll(() => edge.count()).toBe(1);
    expect(await edge.locator('.react-flow__edge-text').textContent()).toBe('body');
    const dash = await edge
      .locator('.react-flow__edge-path')
      .evaluate((p) => getComputedStyle(p).strokeDasharray);
    expect(dash).not.toBe('none');
  });

  it('connecting the branch handle appends to branches:', async () => {
    await connect('fork', 'branches', 'left');
    await expect.poll(async () => (await yamlNode('fork'))?.branches).toEqual(['left']);
    await connect('fork', 'branches', 'right');
    await expect.poll(async () => (await yamlNode('fork'))?.branches).toEqual(['left', 'right']);
    await expect
      .poll(() => page.locator('.react-flow__edge.kind-branches .react-flow__edge-text').allTextContents())
      .toEqual(['branch 1', 'branch 2']);
    await screenshot(page, '13-loop-parallel');
  });

  it('shows the branches in the inspector and removes one there', async () => {
    await node('fork').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByRole('heading', { name: 'Parallel branches' }).waitFor();
    expect(await inspector.getByLabel('Branch 1', { exact: true }).inputValue()).toBe('left');
    expect(await inspector.getByLabel('Branch 2', { exact: true }).inputValue()).toBe('right');
    await inspector.getByRole('button', { name: 'Remove branch 2' }).click();
    await expect.poll(async () => (await yamlNode('fork'))?.branches).toEqual(['left']);
    await expect.poll(() => page.locator('.react-flow__edge.kind-branches').count()).toBe(1);
  });

  it('shows the loop body in the inspector', async () => {
    await node('each').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByRole('heading', { name: 'Loop body' }).waitFor();
    expect(await inspector.getByLabel('Loop body', { exact: true }).inputValue()).toBe('translate');
  });

  it('runs the loop body per item and the branch, then continues', async () => {
    const input = await openTestInput(page);
    expect(JSON.parse(await input.inputValue())).toEqual({ lines: [] });
    const runStatus = await runFromTestInput(page, '{ "lines": ["a", "b"] }');
    await expect.poll(runStatus, { timeout: 30_000 }).toBe('completed');
    for (const id of ['each', 'translate', 'fork', 'left', 'done'])
      expect(await status(id)).toBe('completed');
    expect(await status('right')).toBe('');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('tab', { name: 'Node' }).click();
  });

  it('deleting the body edge removes body: and keeps next:', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__edge.kind-body .react-flow__edge-textbg').click();
    await expect.poll(() => page.locator('.react-flow__edge.kind-body.selected').count()).toBe(1);
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await yamlNode('each'))?.body).toBeUndefined();
    expect((await yamlNode('each')) as unknown).toMatchObject({ next: 'fork' });
    expect(await page.locator('.react-flow__edge.kind-body').count()).toBe(0);
  });
});
