/**
 * A builder's first session, clicked through the built studio against the real host: sign in,
 * create a workflow, build it by drag and drop, configure nodes in forms, connect them, watch the
 * YAML follow, edit the YAML and watch the canvas follow, run it, save, reload.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  canvasNode,
  connectNodes,
  nodeRunStatus,
  openTestInput,
  runFromTestInput,
  screenshot,
  withSignedInBrowser,
  yamlPaneText,
} from './studio-browser.ts';

let page: Page;

const node = (id: string) => canvasNode(page, id);
const yamlText = () => yamlPaneText(page);

/** Drags a palette entry onto the canvas at (x, y) relative to the canvas. */
async function dropFromPalette(pluginId: string, x: number, y: number) {
  await page
    .locator(`.palette-item[data-plugin="${pluginId}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Drags from a node's source handle to another node's input. */
async function connect(from: string, to: string, handle = 'out') {
  await connectNodes(page, from, handle, to);
}

/** A node's x in the `layout:` block. */
async function layoutX(id: string): Promise<number> {
  return Number(new RegExp(`\\n  ${id}: \\{ x: (-?\\d+)`).exec(await yamlText())?.[1]);
}

/** Waits until the zoom-to-fit animation has ended (the viewport transform stops changing). */
async function canvasStill() {
  const transform = () => page.locator('.react-flow__viewport').getAttribute('style');
  let last = await transform();
  for (;;) {
    await page.waitForTimeout(150);
    const now = await transform();
    if (now === last) return;
    last = now;
  }
}

withSignedInBrowser((opened) => {
  page = opened;
});

describe('building a workflow in the studio', () => {
  it('creates a blank workflow from the list and opens it in the editor', async () => {
    await screenshot(page, '01-workflows-empty');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Greeter');
    await page.getByRole('button', { name: 'Create' }).click();
    await node('start').waitFor();
    await page.locator('.palette-item[data-plugin="core/template"]').waitFor();
    expect(await yamlText()).toContain('name: Greeter');
  });

  it('adds nodes by drag and drop and the YAML follows', async () => {
    await dropFromPalette('core/template', 330, 200);
    await node('template').waitFor();
    await dropFromPalette('core/end', 560, 360);
    await node('end').waitFor();
    const text = await yamlText();
    expect(text).toContain('uses: core/template@^1');
    expect(text).toContain('uses: core/end@^1');
    expect(text).toMatch(/template: \{ x: -?\d+, y: -?\d+ \}/);
  });

  it('connects handles and the YAML gains the edges', async () => {
    await connect('start', 'template');
    await connect('template', 'end');
    await expect.poll(yamlText).toMatch(/next: template[\s\S]*next: end/);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.getByRole('button', { name: 'Auto-layout (L)' }).click();
    await expect.poll(async () => (await layoutX('start')) < (await layoutX('template'))).toBe(true);
    await canvasStill();
  });

  it('configures a node through its form, with completion of names in scope', async () => {
    await node('template').click();
    const field = page.locator('#cfg-template_template .cm-content');
    await field.click();
    await page.keyboard.type('Hello {{ inp');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').innerText()).toContain('inputs.message');
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('uts.message }}!');
    await expect.poll(yamlText).toContain('Hello {{ inputs.message }}!');
    await page.locator('#node-timeout').fill('5s');
    await page.locator('#node-timeout').press('Enter');
    await expect.poll(yamlText).toContain('timeout: 5s');
    await screenshot(page, '02-editor-configured');
  });

  it('undoes and redoes canvas edits', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
    await page.keyboard.press('Control+z');
    await expect.poll(yamlText).not.toContain('timeout: 5s');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(yamlText).toContain('timeout: 5s');
  });

  it('follows YAML edits on the canvas and shows errors at their line', async () => {
    const before = await yamlText();
    const editor = page.locator('[data-testid="yaml-pane"] .cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(
      before.replace('uses: core/template@^1', 'uses: core/template@^1\n    name: Say hello'),
    );
    await expect.poll(() => node('template').locator('.flow-node-title').innerText()).toBe('Say hello');

    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n  - id: [oops');
    await expect.poll(() => page.getByTestId('yaml-status').innerText()).toMatch(/^Line \d+/);
    await expect
      .poll(() => page.locator('.cm-lint-marker-error, .cm-lintRange-error').count())
      .toBeGreaterThan(0);
    expect(await node('template').isVisible()).toBe(true);
    await screenshot(page, '03-yaml-error');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText((await yamlText()).replace(/\n\s*- id: \[oops\s*$/, '\n'));
    await expect.poll(() => page.getByTestId('yaml-status').innerText()).not.toMatch(/^Line/);
  });

  it('runs the workflow and lights up each node', async () => {
    await openTestInput(page);
    const runStatus = await runFromTestInput(page, '{ "message": "Ada" }');
    await expect.poll(runStatus, { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => nodeRunStatus(page, 'template')).toBe('completed');
    await node('template').click();
    await expect.poll(() => page.getByTestId('node-run-details').innerText()).toContain('Hello Ada!');
    await screenshot(page, '04-run-completed');
  });

  it('chats with the workflow in the test panel', async () => {
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByLabel('Message').fill('Grace');
    await page.getByLabel('Message').press('Enter');
    await expect
      .poll(() => page.getByTestId('chat-log').innerText(), { timeout: 30_000 })
      .toContain('Hello Grace!');
    await screenshot(page, '04b-chat');
  });

  it('saves a version and finds the same graph after a reload', async () => {
    const saved = await yamlText();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel('What changed?').fill('First greeter');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('save-state').innerText()).toBe('Saved');
    await page.reload();
    await node('end').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    expect(await yamlText()).toBe(saved);
    await page.getByRole('tab', { name: 'Versions' }).click();
    await expect.poll(() => page.getByTestId('versions-panel').innerText()).toContain('First greeter');
    await screenshot(page, '05-versions');
  });

  it('works from the keyboard: auto-layout, copy and paste, delete, shortcuts help', async () => {
    // Drag the end node to the far left: only its layout entry changes.
    const box = (await node('end').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 400, box.y + 120, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await layoutX('end')) < (await layoutX('template'))).toBe(true);

    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('l');
    await expect.poll(async () => (await layoutX('template')) < (await layoutX('end'))).toBe(true);
    expect(await layoutX('start')).toBeLessThan(await layoutX('template'));
    await canvasStill();
    await screenshot(page, '09-auto-layout');

    await node('template').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node('template-2').waitFor();
    expect(await yamlText()).toContain('- id: template-2');
    await page.keyboard.press('Delete');
    await expect.poll(() => node('template-2').count()).toBe(0);
    expect(await yamlText()).not.toContain('template-2');

    await page.keyboard.press('?');
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).innerText())
      .toContain('Auto-layout');
    await screenshot(page, '10-shortcuts');
    await page.keyboard.press('Escape');
  });
});
