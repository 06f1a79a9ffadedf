/**
 * Looking after workflows: the list (search, rename, duplicate, delete with undo), saving when
 * someone else saved first (three-way merge), and the runs monitor (filter, open, retry).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, screenshot, withSignedInBrowser, yamlPaneText } from './studio-browser.ts';

// Unique per run, so the file also passes against a host that has seen earlier runs.
const tag = Date.now().toString(36);
const FAQ = `faq-${tag}`;
const BROKEN = `broken-${tag}`;
const HELP = `Help desk ${tag}`;
let page: Page;

const row = (id: string) => page.locator(`tr[data-workflow="${id}"]`);
const yamlText = () => yamlPaneText(page);

const yaml = (id: string, name: string, strict = false) => `id: ${id}
name: ${name}
inputs:
  message: { type: string, required: true }
nodes:
  - id: start
    uses: core/start@^1
    next: reply
  - id: reply
    uses: core/template@^1
    with: { template: "You said [[said]]", strict: ${strict}${strict ? '' : ', data: { said: "{{ inputs.message }}" }'} }
    next: done
  - id: done
    uses: core/end@^1
    with: { output: { reply: "{{ nodes.reply.text }}" } }
`;

withSignedInBrowser(async (opened) => {
  page = opened;
  await apiAs(page, 'POST', '/api/workflows', { yaml: yaml(FAQ, `FAQ bot ${tag}`) });
  await apiAs(page, 'POST', '/api/workflows', { yaml: yaml(BROKEN, `Broken bot ${tag}`, true) });
  await page.reload();
  await row(FAQ).waitFor();
});

describe('the workflows list', () => {
  it('searches, renames and duplicates', async () => {
    await page.getByLabel('Search workflows').fill(`faq bot ${tag}`);
    await expect.poll(() => page.locator('tr[data-workflow]').count()).toBe(1);
    await page.getByLabel('Search workflows').fill('');
    await page.getByLabel(`Rename FAQ bot ${tag}`).click();
    await page.getByRole('dialog').getByLabel('Name').fill(HELP);
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => row(FAQ).innerText()).toContain(HELP);
    await page.getByLabel(`Duplicate ${HELP}`).click();
    await expect
      .poll(() => page.locator('tr[data-workflow]').allInnerTexts())
      .toContainEqual(expect.stringContaining(`${HELP} (copy)`));
    await screenshot(page, '06-workflows-list');
  });

  it('deletes with an undo', async () => {
    const copy = page.locator('tr[data-workflow]', { hasText: `${HELP} (copy)` });
    await page.getByLabel(`Delete ${HELP} (copy)`).click();
    await expect.poll(() => copy.count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => copy.count()).toBe(1);
  });
});

describe('starting from an example', () => {
  it('creates a workflow from a bundled example and opens its graph', async () => {
    await page.goto('/#/workflows');
    await page.getByRole('button', { name: 'New workflow' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Start from').selectOption({ label: 'Example: FAQ handling' });
    await dialog.getByLabel('Name', { exact: true }).fill(`FAQ example ${tag}`);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(3);
    await expect.poll(yamlText).toContain(`id: faq-example-${tag}`);
    await expect.poll(() => page.getByTestId('yaml-status').innerText()).not.toMatch(/^Line/);
    await page.getByRole('button', { name: 'Auto-layout (L)' }).click();
    await page.waitForTimeout(600);
    await screenshot(page, '12-example-workflow');
  });
});

describe('saving when someone else saved first', () => {
  it('merges their change with mine', async () => {
    await page.goto(`/#/workflows/${FAQ}`);
    await page.locator('.react-flow__node[data-id="reply"]').waitFor();
    await page.locator('.react-flow__node[data-id="reply"]').click();
    await page.locator('#node-name').fill('Echo the message');
    await expect.poll(yamlText).toContain('name: Echo the message');

    const theirs = (await apiAs(page, 'GET', `/api/workflows/${FAQ}`)) as { yaml: string; version: number };
    const changed = theirs.yaml.replace('uses: core/end@^1', 'uses: core/end@^1\n    timeout: 10s');
    await apiAs(page, 'PUT', `/api/workflows/${FAQ}`, {
      yaml: changed,
      baseVersion: theirs.version,
      message: 'Their change',
    });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel('What changed?').fill('My change');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('merge-editor').waitFor();
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('merge cleanly');
    await screenshot(page, '07-merge-dialog');
    await page.getByRole('button', { name: 'Save merged version' }).click();
    await expect.poll(() => page.getByTestId('save-state').innerText()).toBe('Saved');
    const text = await yamlText();
    expect(text).toContain('name: Echo the message');
    expect(text).toContain('timeout: 10s');
    const saved = (await apiAs(page, 'GET', `/api/workflows/${FAQ}`)) as { yaml: string };
    expect(saved.yaml).toContain('name: Echo the message');
    expect(saved.yaml).toContain('timeout: 10s');
  });

  it('compares two versions and highlights the changed nodes', async () => {
    await page.getByRole('tab', { name: 'Versions' }).click();
    const picks = page.locator('.version-list input[type="checkbox"]');
    await expect.poll(() => picks.count()).toBeGreaterThanOrEqual(3);
    await picks.nth(0).check();
    await picks.nth(1).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect
      .poll(() => page.getByTestId('yaml-diff').innerText())
      .toContain('+     name: Echo the message');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.flow-node.is-changed').count()).toBe(1);
    expect(
      await page.locator('.react-flow__node[data-id="reply"] .flow-node').getAttribute('class'),
    ).toContain('is-changed');
  });
});

describe('the runs monitor', () => {
  it('lists runs, opens one on the canvas and retries a failed one', async () => {
    await apiAs(page, 'POST', '/api/runs', { workflowId: FAQ, input: { message: 'hi' }, wait: true });
    await apiAs(page, 'POST', '/api/runs', { workflowId: BROKEN, input: { message: 'hi' }, wait: true });
    await page.goto(`/#/runs`);
    const runs = page.locator('tr[data-run]');
    await expect
      .poll(() => runs.allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`failed\\s+Broken bot ${tag}`, 'i')),
          expect.stringMatching(new RegExp(`completed\\s+${HELP}`, 'i')),
        ]),
      );
    await page.getByLabel('Status').selectOption('failed');
    await expect.poll(() => runs.filter({ hasText: HELP }).count()).toBe(0);
    expect(await runs.filter({ hasText: `Broken bot ${tag}` }).count()).toBe(1);
    await screenshot(page, '08-runs');

    await runs
      .filter({ hasText: `Broken bot ${tag}` })
      .getByRole('link', { name: 'Open' })
      .click();
    const reply = page.locator('.react-flow__node[data-id="reply"] .flow-node');
    await expect.poll(() => reply.getAttribute('data-status')).toBe('failed');
    await page.locator('.react-flow__node[data-id="reply"]').click();
    await expect.poll(() => page.getByTestId('node-run-details').innerText()).toMatch(/^failed/i);
    expect(await page.getByTestId('node-run-details').locator('.error-box').innerText()).toMatch(/template/i);

    await page.goto(`/#/runs?workflow=${BROKEN}`);
    await page.locator('tr[data-run]').first().waitFor();
    await page.getByRole('button', { name: 'Retry' }).first().click();
    await expect
      .poll(() => page.locator('.run-banner').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('failed');
    await page.goto(`/#/runs?workflow=${BROKEN}`);
    await expect.poll(() => page.locator('tr[data-run]').count()).toBe(2);
  });
});
