/** Tiny plugins for host run tests: wait until cancelled, fail, read tenant data or a secret. */
import { definePlugin, type NodePlugin, type PluginResolver } from '../../registry/sdk/plugin.ts';
import { controlPlugins } from '../../runtime/engine/control-plugins.ts';
import { createInProcessResolver } from '../../runtime/engine/in-process-resolver.ts';

const node = (id: string, run: NodePlugin['run'], permissions = {}): NodePlugin =>
  definePlugin({
    manifest: {
      id,
      version: '1.0.0',
      kind: 'node',
      title: id,
      description: `test plugin ${id}`,
      permissions,
    },
    run,
  });

/** test/wait: resolves after `ms` (default: never), or when the run is cancelled. */
export const waitPlugin = node(
  'test/wait',
  (config, ctx) =>
    new Promise((resolve, reject) => {
      const ms = typeof config.ms === 'number' ? config.ms : undefined;
      const timer = ms === undefined ? undefined : setTimeout(() => resolve({ waited: ms }), ms);
      ctx.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(ctx.signal.reason);
        },
        { once: true },
      );
    }),
);

/** test/fail: always throws a user-visible error. */
export const failPlugin = node('test/fail', () => {
  throw new Error('the test plugin failed on purpose');
});

/** test/orders: reads the tenant's orders table. */
export const ordersPlugin = node(
  'test/orders',
  async (_config, ctx) => ({ orders: await ctx.data!.query('orders', {}) }),
  { data: ['orders'] },
);

/** test/secret: reads secret TOKEN. */
export const secretPlugin = node(
  'test/secret',
  async (_config, ctx) => ({ token: await ctx.secrets!.get('TOKEN') }),
  { secrets: ['TOKEN'] },
);

/** test/customers-denied: tries a table its manifest does not list. */
export const deniedPlugin = node(
  'test/customers-denied',
  async (_config, ctx) => ctx.data!.query('customers', {}),
  { data: ['orders'] },
);

/** A resolver over the control plugins plus the test plugins. */
export function testResolver(): Promise<PluginResolver> {
  return Promise.resolve(
    createInProcessResolver([
      ...controlPlugins,
      waitPlugin,
      failPlugin,
      ordersPlugin,
      secretPlugin,
      deniedPlugin,
    ]),
  );
}

/** A workflow `start -> <uses> -> done` that returns the middle node's output. */
export function oneNodeYaml(id: string, uses: string, withBlock = '{}'): string {
  return `id: ${id}
nodes:
  - id: start
    uses: core/start@^1
    next: step
  - id: step
    uses: ${uses}
    with: ${withBlock}
    next: done
  - id: done
    uses: core/end@^1
    with:
      output: "{{ nodes.step }}"
`;
}
