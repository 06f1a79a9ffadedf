import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../../registry/sdk/plugin.ts';
import type { Database } from '../../db/schema.ts';
import type { Workflow } from '../../workflow/types.ts';
import { tenantCapabilities } from '../runs/tenant-capabilities.ts';
import { parseKeyring } from '../secrets/keyring.ts';

const manifest = (permissions: PluginManifest['permissions']): PluginManifest => ({
  id: 'test/asks',
  version: '1.0.0',
  kind: 'node',
  title: 'asks',
  description: 'asks a model',
  permissions,
});

function llmFor(permissions: PluginManifest['permissions']) {
  const capabilities = tenantCapabilities({
    // Refusals happen before any database work; a query would fail loudly here.
    db: {} as Kysely<Database>,
    keyring: parseKeyring(`k1:${Buffer.alloc(32).toString('base64')}`),
    resolve: () => ({ manifest: manifest(permissions), sha256: 'x', invoke: async () => ({}) }),
    llm: { plugins: async () => [] },
  });
  return capabilities({
    runId: 'r',
    nodeId: 'ask',
    tenantId: 't',
    uses: 'test/asks@^1',
    workflow: { id: 'wf' } as Workflow,
  }).llm!;
}

const request = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('the llm capability of host runs', () => {
  it('refuses plugins whose manifest does not ask for permissions.llm', async () => {
    await expect(llmFor({})(request)).rejects.toThrow(
      'test/asks@^1 may not call language models (its manifest does not set permissions.llm)',
    );
  });

  it('asks a permitted plugin for models to route between', async () => {
    await expect(llmFor({ llm: true })(request)).rejects.toThrow(
      "LLM call of node 'ask': no models to route between; list them under 'arms'",
    );
  });
});
