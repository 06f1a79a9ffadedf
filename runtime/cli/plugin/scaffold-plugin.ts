/** `flow plugin new <scope/name>`: a working node plugin with a test, ready for `flow plugin test`. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UserError } from '../../workflow/errors.ts';

/** Creates `<dir>/<scope>-<name>/` with index.ts and index.test.ts; refuses to overwrite. */
export async function scaffoldPlugin(
  id: string,
  options: { dir?: string; sdkImport?: string } = {},
): Promise<string> {
  const match = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/.exec(id);
  if (!match)
    throw new UserError(
      'invalid-plugin-id',
      `'${id}' is not a plugin id; expected scope/name in lowercase, e.g. acme/weather`,
    );
  const [, scope, name] = match as unknown as [string, string, string];
  const folder = resolve(options.dir ?? 'plugins', `${scope}-${name}`);
  if (await stat(folder).catch(() => undefined)) throw new UserError('exists', `${folder} already exists`);
  const sdk = options.sdkImport ?? relative(folder, resolve('registry/sdk/plugin.ts')).replaceAll('\\', '/');
  const title = name.replace(
    /(^|-)(\w)/g,
    (_m, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase(),
  );
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'index.ts'), pluginSource(id, title, sdk));
  await writeFile(join(folder, 'index.test.ts'), testSource());
  return folder;
}

function pluginSource(id: string, title: string, sdk: string): string {
  return `/** ${title}: describe what this node does for the person drawing the flow. */
import { definePlugin, type NodePlugin } from '${sdk.startsWith('.') || sdk.startsWith('/') ? sdk : `./${sdk}`}';

interface Config {
  text: string;
  shout?: boolean;
}

export default definePlugin<NodePlugin<Config, { text: string; length: number }>>({
  manifest: {
    id: '${id}',
    version: '0.1.0',
    kind: 'node',
    title: '${title}',
    description: 'Returns the text it is given, optionally in capitals.',
    category: 'Custom',
    icon: 'sparkles',
    config: {
      type: 'object',
      required: ['text'],
      properties: {
        text: { type: 'string', title: 'Text', description: 'What to return; expressions like {{ inputs.message }} work.' },
        shout: { type: 'boolean', title: 'Shout', default: false },
      },
      additionalProperties: false,
    },
    outputs: { type: 'object', properties: { text: { type: 'string' }, length: { type: 'integer' } } },
    permissions: {},
  },
  run(config, ctx) {
    ctx.log('running', { length: config.text.length });
    const text = config.shout ? config.text.toUpperCase() : config.text;
    return { text, length: text.length };
  },
});
`;
}

function testSource(): string {
  return `import { describe, expect, it } from 'vitest';
import plugin from './index.ts';

const ctx = {
  runId: 'r1', nodeId: 'n1', tenantId: 't1', idempotencyKey: 'k', attempt: 1,
  signal: new AbortController().signal, log: () => {},
};

describe(plugin.manifest.id, () => {
  it('returns the text, shouted when asked', async () => {
    expect(await plugin.run({ text: 'hi' }, ctx)).toEqual({ text: 'hi', length: 2 });
    expect(await plugin.run({ text: 'hi', shout: true }, ctx)).toEqual({ text: 'HI', length: 2 });
  });
});
`;
}
