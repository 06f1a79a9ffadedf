/**
 * A plugin developer's whole path against a real host: scaffold, publish with an API key, install
 * for a tenant, run a workflow that uses it (code runs in the sandbox; the run records the exact
 * version and hash), reload a dev build without a restart, and refuse a changed re-publish.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devPlugin, publishPlugin } from '../../runtime/cli/plugin/publish-plugin.ts';
import { scaffoldPlugin } from '../../runtime/cli/plugin/scaffold-plugin.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';

let host: TestHost;
let owner: Awaited<ReturnType<TestHost['signUp']>>;
let other: Awaited<ReturnType<TestHost['signUp']>>;
let dir: string;
let folder: string;
let apiKey: string;

const workflow = (range: string) => `id: shouting
nodes:
  - id: shout
    uses: acme/shout@${range}
    with:
      text: "{{ inputs.message }}"
      shout: true
    next: done
  - id: done
    uses: core/end@^1
    with:
      output: { reply: "{{ nodes.shout.text }}" }
`;

beforeAll(async () => {
  host = await startTestHost();
  owner = await host.signUp('acme');
  other = await host.signUp('globex');
  apiKey = (
    await owner.client.post('/api/api-keys', {
      name: 'publisher',
      scopes: ['plugins:publish', 'plugins:install'],
    })
  ).body.key;
  dir = await mkdtemp(join(tmpdir(), 'flow-lifecycle-'));
  folder = await scaffoldPlugin('acme/shout', { dir, sdkImport: resolve('registry/sdk/plugin.ts') });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('plugin lifecycle', () => {
  it('publishes with an API key, installs, and runs sandboxed with the exact version recorded', async () => {
    const published = await publishPlugin(folder, { host: host.url, apiKey });
    expect(published).toMatchObject({ id: 'acme/shout', version: '0.1.0', created: true });
    expect(await publishPlugin(folder, { host: host.url, apiKey })).toMatchObject({ created: false });

    await owner.client.post('/api/workflows', { yaml: workflow('^0.1') });
    const notInstalled = await owner.client.post('/api/runs', {
      workflowId: 'shouting',
      input: { message: 'hi' },
      wait: true,
    });
    expect(notInstalled.body.status).toBe('failed');
    expect(notInstalled.body.error.message).toMatch(/acme\/shout.*not installed/);

    expect(
      (await owner.client.post('/api/plugins/install', { id: 'acme/shout', version: '^0.1' })).status,
    ).toBe(201);
    const run = await owner.client.post('/api/runs', {
      workflowId: 'shouting',
      input: { message: 'hello there' },
      wait: true,
    });
    expect(run.body.status, JSON.stringify(run.body.error)).toBe('completed');
    expect(run.body.output).toEqual({ reply: 'HELLO THERE' });
    expect(run.body.plugins['acme/shout@^0.1']).toEqual({
      id: 'acme/shout',
      version: '0.1.0',
      sha256: published.sha256,
    });
    expect(
      run.body.events.some(
        (e: { type: string; message?: string }) => e.type === 'node.log' && e.message === 'running',
      ),
    ).toBe(true);
  });

  it('another tenant neither sees nor runs the install', async () => {
    const palette = (await other.client.get('/api/plugins')).body.plugins;
    expect(palette.some((p: { id: string }) => p.id === 'acme/shout')).toBe(false);
    await other.client.post('/api/workflows', { yaml: workflow('^0.1') });
    const run = await other.client.post('/api/runs', {
      workflowId: 'shouting',
      input: { message: 'x' },
      wait: true,
    });
    expect(run.body.status).toBe('failed');
    expect(run.body.error.message).toMatch(/not installed for this tenant/);
  });

  it('refuses to re-publish a version with different code', async () => {
    const index = join(folder, 'index.ts');
    const original = await readFile(index, 'utf8');
    await writeFile(index, original.replace('config.text.toUpperCase()', "config.text.toUpperCase() + '!'"));
    await expect(publishPlugin(folder, { host: host.url, apiKey })).rejects.toThrow(
      /409: acme\/shout@0\.1\.0 is already published with different content/,
    );
    await writeFile(index, original);
  });

  it('reloads a dev build into the running host on save, for this tenant only', async () => {
    const index = join(folder, 'index.ts');
    const original = await readFile(index, 'utf8');
    const lines: string[] = [];
    const stop = devPlugin(folder, { host: host.url, apiKey }, (line) => lines.push(line));
    try {
      await waitFor(() => lines.some((l) => l.startsWith('reloaded acme/shout@0.1.0')));
      await writeFile(
        index,
        original.replace('config.text.toUpperCase()', '`${config.text.toUpperCase()}!!`'),
      );
      await waitFor(() => lines.filter((l) => l.startsWith('reloaded')).length >= 2);
      const run = await owner.client.post('/api/runs', {
        workflowId: 'shouting',
        input: { message: 'dev' },
        wait: true,
      });
      expect(run.body.output).toEqual({ reply: 'DEV!!' });
      const elsewhere = await other.client.get('/api/plugins');
      expect(elsewhere.body.plugins.some((p: { id: string }) => p.id === 'acme/shout')).toBe(false);
    } finally {
      stop();
      await writeFile(index, original);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
